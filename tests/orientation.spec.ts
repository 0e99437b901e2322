// EXIF orientation: every one of the eight comes out upright, through both decode paths, each
// version compared with sharp's reference of the same file (support/reference.ts).
import { expect, test } from '@playwright/test';
import sharp, { type Sharp } from 'sharp';
import { resizeToFit } from '../src/index.ts';
import { hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { expectOk, openHarness, processInPage } from './support/page.ts';
import { decodeRgba, lumaSsim, meanDifference, type Raw } from './support/pixels.ts';
import { expectLikeReference, type Thresholds } from './support/reference.ts';

const UPRIGHT = { upright: { processors: [resizeToFit(600, 600, { upscale: false })], format: 'image/png' } } as const;

/** Flat drawn quadrants leave nothing to disagree on but edges: a turned image fails by far. */
const DRAWN: Thresholds = { ssim: 0.95, lumaDifference: 3 };

/** Four flat quadrants (red, green / blue, yellow): any rotation or mirror changes the picture. */
async function drawQuadrants(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="50%" height="50%" fill="#e00"/><rect x="50%" width="50%" height="50%" fill="#0c0"/>
    <rect y="50%" width="50%" height="50%" fill="#00e"/><rect x="50%" y="50%" width="50%" height="50%" fill="#ee0"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The eight ways to rotate/mirror an image; one of them undoes each EXIF orientation. */
const TRANSFORMS: ((image: Sharp) => Sharp)[] = [
  (image) => image,
  (image) => image.flop(),
  (image) => image.rotate(180),
  (image) => image.flip(),
  (image) => image.rotate(90).flop(),
  (image) => image.rotate(90),
  (image) => image.rotate(270).flop(),
  (image) => image.rotate(270),
];

/**
 * A JPEG that shows `upright` once its EXIF orientation is applied. Which stored pixels do that
 * is not derived by hand: sharp's own auto-orientation is the oracle that picks them.
 */
async function storeWithOrientation(upright: Buffer, orientation: number): Promise<Buffer> {
  const target = await decodeRgba(upright);
  for (const transform of TRANSFORMS) {
    const stored = await transform(sharp(upright)).toBuffer();
    const jpeg = await sharp(stored).jpeg({ quality: 100 }).withMetadata({ orientation }).toBuffer();
    const shown = await decodeRgba(jpeg);
    if (shown.width === target.width && shown.height === target.height && meanDifference(shown, target) < 2)
      return jpeg;
  }
  throw new Error(`no transform reproduces orientation ${orientation}`);
}

function expectSame(actual: Raw, expected: Raw, label: string): void {
  expect([actual.width, actual.height], label).toEqual([expected.width, expected.height]);
  expect(meanDifference(actual, expected), label).toBeLessThan(3);
}

test('all eight EXIF orientations of a drawn image come out upright', async ({ page }) => {
  await openHarness(page);
  const upright = await drawQuadrants(240, 160);
  const expected = await decodeRgba(upright);
  for (let orientation = 1; orientation <= 8; orientation++) {
    const jpeg = await storeWithOrientation(upright, orientation);
    const result = expectOk(await processInPage(page, `o${orientation}.jpg`, jpeg, UPRIGHT));
    expect(result.source.orientation).toBe(orientation);
    expect([result.source.width, result.source.height]).toEqual([240, 160]);
    expectSame(await decodeRgba(result.variants['upright']!.data), expected, `orientation ${orientation}`);
    await expectLikeReference(`orientation ${orientation}`, jpeg, UPRIGHT.upright, result.variants['upright']!, {
      thresholds: DRAWN,
    });
  }
});

test.describe('on the corpus', () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  for (const shape of ['landscape', 'portrait']) {
    test(`orient-${shape}-2..8 match their orientation-1 twin`, async ({ page }) => {
      await openHarness(page);
      const twin = expectOk(await processInPage(page, `${shape}-1`, readFixture(`orient-${shape}-1.jpg`), UPRIGHT));
      const expected = await decodeRgba(twin.variants['upright']!.data);
      const scores: string[] = [];
      for (let orientation = 2; orientation <= 8; orientation++) {
        const file = `orient-${shape}-${orientation}.jpg`;
        const result = expectOk(await processInPage(page, file, readFixture(file), UPRIGHT));
        await expectLikeReference(file, readFixture(file), UPRIGHT.upright, result.variants['upright']!);
        const actual = await decodeRgba(result.variants['upright']!.data);
        expect([actual.width, actual.height], file).toEqual([expected.width, expected.height]);
        const score = lumaSsim(actual, expected);
        scores.push(`${orientation}: ${score.toFixed(3)}`);
        expect(score, file).toBeGreaterThan(0.9);
      }
      console.log(`${shape} SSIM against orientation 1: ${scores.join(', ')}`);
    });
  }
});

test('all eight EXIF orientations come out upright when the JPEG is decoded at reduced scale', async ({ page }) => {
  // A 300 px version of a 2400x1600 JPEG lets the decoder work at 1/4 scale (WebCodecs
  // ImageDecoder), where imagespec turns the stored pixels upright itself. (The 240x160 test above
  // needs every pixel, so it takes the full decode.)
  await openHarness(page);
  const upright = await drawQuadrants(2400, 1600);
  const small = { small: { processors: [resizeToFit(300, 300)], format: 'image/png' } } as const;
  for (let orientation = 1; orientation <= 8; orientation++) {
    const jpeg = await storeWithOrientation(upright, orientation);
    const result = expectOk(await processInPage(page, `o${orientation}.jpg`, jpeg, small));
    expect([result.source.width, result.source.height]).toEqual([2400, 1600]);
    await expectLikeReference(
      `orientation ${orientation}, reduced scale`,
      jpeg,
      small.small,
      result.variants['small']!,
      {
        thresholds: DRAWN,
      },
    );
  }
});
