// Resampling quality: imagespec's variants against sharp's lanczos3 resize of the same source
// and geometry, as PNG so that JPEG loss does not hide the resampling.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { GENERATED } from './bench/lib/corpus.mjs';
import { hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { drawPhoto } from './support/images.ts';
import { expectOk, processInPage, sharedHarness, type InPageOptions } from './support/page.ts';
import { decodeOnGrey, lumaSsim, sharpLanczos } from './support/pixels.ts';
import { RESIZE_SPECS as SPECS } from './support/resize-specs.ts';

const page = sharedHarness();

async function expectSharp(
  label: string,
  source: Buffer,
  options: InPageOptions = {},
  specs: Partial<typeof SPECS> = SPECS,
): Promise<Record<string, Buffer>> {
  const result = expectOk(await processInPage(page(), label, source, specs, options));
  const values: string[] = [];
  for (const name of Object.keys(specs) as (keyof typeof SPECS)[]) {
    const variant = result.variants[name]!;
    // Transparent pixels are compared as a user sees them: over a background.
    const ours = await decodeOnGrey(variant.data);
    const fill = name === 'thumbnail' || name === 'display';
    const theirs = await decodeOnGrey(await sharpLanczos(source, variant.width, variant.height, { fill }));
    const score = lumaSsim(ours, theirs);
    values.push(`${name} ${variant.width}x${variant.height} SSIM ${score.toFixed(4)}`);
    expect(score, `${label} ${name}`).toBeGreaterThanOrEqual(0.98);
  }
  console.log(`${label}: ${values.join(', ')}`);
  return Object.fromEntries(Object.entries(result.variants).map(([name, variant]) => [name, variant.data]));
}

test('resized variants of a drawn photo match sharp lanczos3 with SSIM >= 0.98', async () => {
  await expectSharp('drawn 3000x2000', await drawPhoto(3000, 2000, { quality: 95 }));
});

test("a fine texture (the bench's woven fabric, 3000x2250) keeps its detail in its large versions", async () => {
  // A reduced-scale JPEG decode at less than twice the output size lost it (2048 px: SSIM 0.875).
  const [width, height] = [3000, 2250];
  const weave = GENERATED.find((photo) => photo.name.startsWith('generated-fabric'))!.raw!(width, height);
  const texture = await sharp(weave, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92, progressive: true })
    .toBuffer();
  // The large versions, which the decode plan had decoded from 7/8 of the photo. (Not the small
  // ones: for reductions of 9x libvips box-shrinks before its lanczos3, which aliases on this
  // weave, so sharp is no reference there.)
  await expectSharp('woven fabric 3000x2250', texture, {}, { web: SPECS.web, large: SPECS.large });
});

test.describe('on real photos', () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  // sharp's full-resolution references and SSIM in Node take most of it: 40-90 s on a loaded 2-core machine.
  test.describe.configure({ timeout: 180_000 });
  for (const file of [
    'photo-12mp-pixel-orient1-gps.jpg',
    'photo-12mp-xiaomi-mi9t-orient6.jpg',
    'photo-22mp-canon-5d3-orient1.jpg',
    'png-rgba-alpha-1920x1200.png',
    'webp-lossy-4096x4096.webp',
  ]) {
    test(`${file}: resized variants match sharp lanczos3 with SSIM >= 0.98`, async () => {
      await expectSharp(file, readFixture(file));
    });
  }
});

test.describe('where WebAssembly has no SIMD, pica resamples', () => {
  test.describe.configure({ timeout: 180_000 });
  test('resized variants of a drawn photo match sharp lanczos3 with SSIM >= 0.98', async () => {
    const photo = await drawPhoto(3000, 2000, { quality: 95 });
    const fallback = await expectSharp('drawn 3000x2000, no SIMD', photo, { pool: 'no-simd' });
    // The fallback really ran: pica's pixels are not the SIMD kernel's, bit for bit.
    const kernel = expectOk(await processInPage(page(), 'drawn 3000x2000', photo, SPECS)).variants;
    expect(fallback['large']!.equals(kernel['large']!.data)).toBe(false);
  });

  for (const file of ['photo-12mp-xiaomi-mi9t-orient6.jpg', 'png-rgba-alpha-1920x1200.png']) {
    test(`${file}: resized variants match sharp lanczos3 with SSIM >= 0.98`, async () => {
      test.skip(!hasFixtures, NO_FIXTURES);
      await expectSharp(`${file}, no SIMD`, readFixture(file), { pool: 'no-simd' });
    });
  }
});
