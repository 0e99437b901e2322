// The shared corpus of real images: every `ok` file makes the ImageKit example, every `error`
// file is refused with its typed code, promptly, and the pool carries on.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { EXAMPLE_SPECS, expectGrey } from './support/example.ts';
import { fixtureManifest, hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { expectOk, openHarness, processInPage } from './support/page.ts';
import { decodeRgba } from './support/pixels.ts';

/** The code each error file must be refused with; browser-dependent files may also decode. */
const EXPECTED_CODES: Record<string, string> = {
  'bad-zero-byte.jpg': 'EMPTY_FILE',
  'bad-truncated-half.jpg': 'CORRUPT_IMAGE',
  'bad-text-file.jpg': 'UNSUPPORTED_FORMAT',
  'bad-random-bytes.png': 'UNSUPPORTED_FORMAT',
  'bad-decompression-bomb-30000x30000.png': 'TOO_LARGE',
  'bad-svg-with-script.svg': 'UNSUPPORTED_FORMAT',
  'heic-12mp-iphone7-gps.heic': 'UNSUPPORTED_FORMAT',
};

test.describe('the fixtures corpus', () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  test.describe.configure({ timeout: 120_000 });

  for (const entry of fixtureManifest().filter((item) => item.expect === 'ok')) {
    test(`${entry.file} makes the ImageKit example`, async ({ page }) => {
      await openHarness(page);
      const bytes = readFixture(entry.file);
      const result = expectOk(await processInPage(page, entry.file, bytes, EXAMPLE_SPECS, { pool: 'custom' }));
      const { thumbnail, display, original } = result.variants;
      expect([thumbnail!.width, thumbnail!.height]).toEqual([100, 75]);
      expect([display!.width, display!.height]).toEqual([200, 400]);
      expect(original!.data.equals(bytes)).toBe(true);
      const thumbnailPixels = await decodeRgba(thumbnail!.data);
      expect([thumbnailPixels.width, thumbnailPixels.height]).toEqual([100, 75]);
      expectGrey(await decodeRgba(display!.data), 1);
      const sideways = (entry.orientation ?? 1) >= 5;
      expect([result.source.width, result.source.height]).toEqual(
        sideways ? [entry.height, entry.width] : [entry.width, entry.height],
      );
    });
  }

  for (const entry of fixtureManifest().filter((item) => item.expect === 'error')) {
    test(`${entry.file} is refused with ${EXPECTED_CODES[entry.file] ?? 'a typed error'} and the pool carries on`, async ({
      page,
    }) => {
      await openHarness(page);
      const outcome = await processInPage(page, entry.file, readFixture(entry.file), EXAMPLE_SPECS, { pool: 'custom' });
      expect(outcome.ms).toBeLessThan(5_000);
      if (outcome.ok) {
        // Only a browser-dependent file may decode, and then it must be a real result.
        expect(entry.browser_dependent).toBe(true);
        expect(outcome.variants['thumbnail']!.width).toBe(100);
      } else {
        expect(outcome.error.isImageSpecError).toBe(true);
        expect(outcome.error.code).toBe(EXPECTED_CODES[entry.file]);
        expect(outcome.error.message.length).toBeGreaterThan(10);
      }
      const next = await processInPage(page, 'tiny.jpg', readFixture('orient-landscape-1.jpg'), EXAMPLE_SPECS, {
        pool: 'custom',
      });
      expect(expectOk(next).variants['thumbnail']!.width).toBe(100);
    });
  }
});

test.describe('privacy', () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  for (const file of [
    'photo-12mp-pixel-orient1-gps.jpg',
    'webp-lossy-exif-gps-776x909.webp',
    'tiny-1x1-exif-gps.png',
  ]) {
    test(`${file}: generated versions carry no EXIF, so no GPS position`, async ({ page }) => {
      await openHarness(page);
      const result = expectOk(await processInPage(page, file, readFixture(file), EXAMPLE_SPECS, { pool: 'custom' }));
      for (const name of ['thumbnail', 'display'] as const) {
        const metadata = await sharp(result.variants[name]!.data).metadata();
        expect(metadata.exif, `${name} EXIF`).toBeUndefined();
      }
    });
  }
});
