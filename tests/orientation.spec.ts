// EXIF orientation: every one of the eight comes out upright, through each decode path (into the
// resample kernel at full and reduced scale, and the browser's createImageBitmap), each version
// compared with sharp's reference of the same file (support/reference.ts).
import { expect, test } from '@playwright/test';
import { resizeToFit } from '../src/index.ts';
import { hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { expectOk, processInPage, sharedHarness } from './support/page.ts';
import { drawQuadrants, storeWithOrientation } from './support/orientation.ts';
import { decodeRgba, lumaSsim, meanDifference, type Raw } from './support/pixels.ts';
import { expectLikeReference, type Thresholds } from './support/reference.ts';

const UPRIGHT = { upright: { processors: [resizeToFit(600, 600, { upscale: false })], format: 'image/png' } } as const;

/** Flat drawn quadrants leave nothing to disagree on but edges: a turned image fails by far. */
const DRAWN: Thresholds = { ssim: 0.95, lumaDifference: 3 };

// One page for the file, uncached (two tests process the same files with the same spec in two
// pools): every version is made by the decode path under test.
const page = sharedHarness();

/** Drawn quadrants stored with each EXIF orientation, made once for the tests that share a size. */
const orientedFiles = new Map<string, Promise<{ upright: Buffer; jpegs: Buffer[] }>>();

function drawnWithEveryOrientation(width: number, height: number): Promise<{ upright: Buffer; jpegs: Buffer[] }> {
  const key = `${width}x${height}`;
  let files = orientedFiles.get(key);
  if (!files) {
    files = (async () => {
      const upright = await drawQuadrants(width, height);
      const jpegs = [];
      for (let orientation = 1; orientation <= 8; orientation++)
        jpegs.push(await storeWithOrientation(upright, orientation));
      return { upright, jpegs };
    })();
    orientedFiles.set(key, files);
  }
  return files;
}

function expectSame(actual: Raw, expected: Raw, label: string): void {
  expect([actual.width, actual.height], label).toEqual([expected.width, expected.height]);
  expect(meanDifference(actual, expected), label).toBeLessThan(3);
}

test('all eight EXIF orientations of a drawn image come out upright', async () => {
  // A resize first: the JPEG is decoded at full scale into the resample kernel, which writes each
  // row where the orientation puts it.
  const { upright, jpegs } = await drawnWithEveryOrientation(240, 160);
  const expected = await decodeRgba(upright);
  for (let orientation = 1; orientation <= 8; orientation++) {
    const jpeg = jpegs[orientation - 1]!;
    const result = expectOk(await processInPage(page(), `o${orientation}.jpg`, jpeg, UPRIGHT));
    expect(result.source.orientation).toBe(orientation);
    expect([result.source.width, result.source.height]).toEqual([240, 160]);
    expectSame(await decodeRgba(result.variants['upright']!.data), expected, `orientation ${orientation}`);
    await expectLikeReference(`orientation ${orientation}`, jpeg, UPRIGHT.upright, result.variants['upright']!, {
      thresholds: DRAWN,
    });
  }
});

test('all eight EXIF orientations come out upright when the browser decodes the whole image', async () => {
  // No resize first: the spec needs every pixel as the file holds them, so createImageBitmap
  // decodes it, turning it upright itself ('from-image').
  const { upright, jpegs } = await drawnWithEveryOrientation(240, 160);
  const expected = await decodeRgba(upright);
  const whole = { whole: { processors: [], format: 'image/png' } } as const;
  for (let orientation = 1; orientation <= 8; orientation++) {
    const result = expectOk(await processInPage(page(), `o${orientation}.jpg`, jpegs[orientation - 1]!, whole));
    expectSame(await decodeRgba(result.variants['whole']!.data), expected, `orientation ${orientation}`);
  }
});

test.describe('on the corpus', () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  for (const shape of ['landscape', 'portrait']) {
    test(`orient-${shape}-2..8 match their orientation-1 twin`, async () => {
      const twin = expectOk(await processInPage(page(), `${shape}-1`, readFixture(`orient-${shape}-1.jpg`), UPRIGHT));
      const expected = await decodeRgba(twin.variants['upright']!.data);
      const scores: string[] = [];
      for (let orientation = 2; orientation <= 8; orientation++) {
        const file = `orient-${shape}-${orientation}.jpg`;
        const result = expectOk(await processInPage(page(), file, readFixture(file), UPRIGHT));
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

for (const pool of ['default', 'no-simd'] as const) {
  test(`all eight EXIF orientations come out upright when the JPEG is decoded at reduced scale (${pool} worker)`, async () => {
    // A 300 px version of a 2400x1600 JPEG lets the decoder work at 1/4 scale (WebCodecs
    // ImageDecoder), where imagespec turns the stored pixels upright itself: in the resample
    // kernel, or, where WebAssembly has no SIMD and the kernel cannot run, on a canvas (orient.ts).
    const { jpegs } = await drawnWithEveryOrientation(2400, 1600);
    const small = { small: { processors: [resizeToFit(300, 300)], format: 'image/png' } } as const;
    for (let orientation = 1; orientation <= 8; orientation++) {
      const jpeg = jpegs[orientation - 1]!;
      const result = expectOk(
        await processInPage(page(), `o${orientation}.jpg`, jpeg, small, pool === 'default' ? {} : { pool }),
      );
      expect([result.source.width, result.source.height]).toEqual([2400, 1600]);
      await expectLikeReference(
        `orientation ${orientation}, reduced scale, ${pool} worker`,
        jpeg,
        small.small,
        result.variants['small']!,
        { thresholds: DRAWN },
      );
    }
  });
}
