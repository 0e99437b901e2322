// Huge images: a photo larger than the canvas limit of the browsers a site targets
// (maxCanvasPixels; iOS Safari stops at 16.7 MP) is still resized correctly, read in bands or
// decoded smaller, never through a canvas over the limit. The test workers throw on any canvas
// over 4 MP, as such a browser would fail.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { adjust, resizeToFill } from '../src/index.ts';
import { hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { drawPhoto } from './support/images.ts';
import { expectOk, processInPage, sharedHarness, type InPageOptions, type Outcome } from './support/page.ts';
import { decodeOnGrey, lumaSsim } from './support/pixels.ts';
import { RESIZE_SPECS as SPECS } from './support/resize-specs.ts';

const LIMIT = 4_000_000;

// One page for the file (uncached: every limited run makes its variants itself), and each
// photo's unlimited result made once for the tests that compare with it (the same bytes, specs
// and pool give the same variants).
const page = sharedHarness();

const unlimitedResults = new WeakMap<Buffer, Promise<Outcome>>();

function unlimitedResult(label: string, bytes: Buffer): Promise<Outcome> {
  let result = unlimitedResults.get(bytes);
  if (!result) {
    result = processInPage(page(), label, bytes, SPECS);
    unlimitedResults.set(bytes, result);
  }
  return result;
}

async function expectSameAsUnlimited(label: string, bytes: Buffer, limited: InPageOptions): Promise<void> {
  const unlimited = expectOk(await unlimitedResult(label, bytes));
  const tiled = expectOk(await processInPage(page(), label, bytes, SPECS, { ...limited, maxCanvasPixels: LIMIT }));
  const scores: string[] = [];
  for (const name of Object.keys(SPECS)) {
    const ours = tiled.variants[name]!;
    const reference = unlimited.variants[name]!;
    expect([ours.width, ours.height], name).toEqual([reference.width, reference.height]);
    const score = lumaSsim(await decodeOnGrey(ours.data), await decodeOnGrey(reference.data));
    scores.push(`${name} ${score.toFixed(4)}`);
    expect(score, `${label} ${name}`).toBeGreaterThanOrEqual(0.98);
  }
  console.log(`${label}, canvases under ${LIMIT} px (${limited.pool}): ${scores.join(', ')}`);
}

test.describe('a 22 MP photo where canvases stop at 4 MP', () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  const photo = 'photo-22mp-canon-5d3-orient1.jpg';
  // Read once: the same Buffer keys its unlimited result.
  let bytes: Buffer;
  test.beforeAll(() => {
    bytes = readFixture(photo);
  });

  test('gives every variant within SSIM 0.98 of the unlimited result', async () => {
    test.setTimeout(300_000);
    await expectSameAsUnlimited(photo, bytes, { pool: 'small-canvas' });
  });

  test('does so without WebAssembly SIMD too, with pica resampling the bands', async () => {
    test.setTimeout(300_000);
    await expectSameAsUnlimited(photo, bytes, { pool: 'small-canvas-no-simd' });
  });

  test('the limit is real: a spec that needs the whole photo on a canvas fails there', async () => {
    const outcome = await processInPage(
      page(),
      photo,
      bytes,
      { whole: { processors: [adjust({ contrast: 1.1 })] } },
      { pool: 'small-canvas', maxCanvasPixels: LIMIT },
    );
    expect(outcome.ok).toBe(false);
  });
});

test('a 6 MP PNG (decoded whole by the browser) is read in bands under a 4 MP canvas limit', async () => {
  test.setTimeout(300_000);
  const png = await sharp(await drawPhoto(3000, 2000, { format: 'png' }))
    .png({ compressionLevel: 1 })
    .toBuffer();
  await expectSameAsUnlimited('drawn 3000x2000.png', png, { pool: 'small-canvas' });
  await expectSameAsUnlimited('drawn 3000x2000.png', png, { pool: 'small-canvas-no-simd' });
});

test('a resizeToFill that only crops a 4.7 MP JPEG copies the kept part under a 4 MP canvas limit', async () => {
  const photo = await drawPhoto(2600, 1800);
  const specs = {
    // Covering 2600x900 needs no scaling, and without upscale 1000x3000 cannot scale: both only crop.
    band: { processors: [resizeToFill(2600, 900)], format: 'image/png' as const },
    strip: { processors: [resizeToFill(1000, 3000, { upscale: false })], format: 'image/png' as const },
  };
  const unlimited = expectOk(await processInPage(page(), 'photo.jpg', photo, specs, { cache: false }));
  const limited = expectOk(
    await processInPage(page(), 'photo.jpg', photo, specs, {
      pool: 'small-canvas',
      maxCanvasPixels: LIMIT,
      cache: false,
    }),
  );
  expect([limited.variants['band']!.width, limited.variants['band']!.height]).toEqual([2600, 900]);
  expect([limited.variants['strip']!.width, limited.variants['strip']!.height]).toEqual([1000, 1800]);
  for (const name of Object.keys(specs)) {
    const score = lumaSsim(
      await decodeOnGrey(limited.variants[name]!.data),
      await decodeOnGrey(unlimited.variants[name]!.data),
    );
    expect(score, name).toBeGreaterThanOrEqual(0.98);
  }
});
