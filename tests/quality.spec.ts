// Resampling quality: imagespec's variants against sharp's lanczos3 resize of the same source
// and geometry, as PNG so that JPEG loss does not hide the resampling.
import { expect, test } from '@playwright/test';
import { resize, resizeToFill, resizeToFit } from '../src/index.ts';
import { hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { drawPhoto } from './support/images.ts';
import { expectOk, openHarness, processInPage } from './support/page.ts';
import { decodeOnGrey, lumaSsim, sharpLanczos } from './support/pixels.ts';

const SPECS = {
  thumbnail: { processors: [resizeToFill(100, 75)], format: 'image/png' },
  display: { processors: [resizeToFill(200, 400)], format: 'image/png' },
  web: { processors: [resizeToFit(1024, 1024)], format: 'image/png' },
  large: { processors: [resizeToFit(2048, 2048)], format: 'image/png' },
  stretched: { processors: [resize(333, 222)], format: 'image/png' },
} as const;

async function expectSharp(page: import('@playwright/test').Page, label: string, source: Buffer): Promise<void> {
  const result = expectOk(await processInPage(page, label, source, SPECS));
  const values: string[] = [];
  for (const name of Object.keys(SPECS) as (keyof typeof SPECS)[]) {
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
}

test('resized variants of a drawn photo match sharp lanczos3 with SSIM >= 0.98', async ({ page }) => {
  await openHarness(page);
  await expectSharp(page, 'drawn 3000x2000', await drawPhoto(3000, 2000, { quality: 95 }));
});

test.describe('on real photos', () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  for (const file of [
    'photo-12mp-pixel-orient1-gps.jpg',
    'photo-12mp-xiaomi-mi9t-orient6.jpg',
    'photo-22mp-canon-5d3-orient1.jpg',
    'png-rgba-alpha-1920x1200.png',
    'webp-lossy-4096x4096.webp',
  ]) {
    test(`${file}: resized variants match sharp lanczos3 with SSIM >= 0.98`, async ({ page }) => {
      await openHarness(page);
      await expectSharp(page, file, readFixture(file));
    });
  }
});
