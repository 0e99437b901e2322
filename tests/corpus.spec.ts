// The shared corpus of real images (tests generated from its manifest; without it, one skipped
// test per group says why): every `ok` file makes the ImageKit example, each version looking like
// sharp's reference of the same source (see support/reference.ts) and carrying no EXIF (so no GPS
// position); every `error` file is refused with its typed code, promptly, and the pool carries
// on. error-paths.spec.ts refuses generated bad files on every run.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { EXAMPLE_SPECS, expectGrey } from './support/example.ts';
import { fixtureManifest, hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { expectOk, processInPage, sharedHarness } from './support/page.ts';
import { decodeRgba } from './support/pixels.ts';
import { expectLikeReference } from './support/reference.ts';

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

/** The test worker that registers the example's custom processor. */
const CUSTOM = { pool: 'custom' } as const;

test.describe('the fixtures corpus', () => {
  test.describe.configure({ timeout: 120_000 });
  // One page and one warmed pool for every file, as a site would process one upload after
  // another (a new page and worker per file cost 3-4 s of the 4-9 s each test took). Nothing
  // comes from the cache: each file is made by the pool itself, however often the test runs.
  const page = sharedHarness();
  test.beforeAll(async () => {
    test.skip(!hasFixtures, NO_FIXTURES);
    expectOk(await processInPage(page(), 'warm.jpg', readFixture('orient-landscape-1.jpg'), EXAMPLE_SPECS, CUSTOM));
  });

  if (!hasFixtures)
    test('every ok file of the corpus makes the ImageKit example, like the reference', () =>
      test.skip(true, NO_FIXTURES));
  for (const entry of fixtureManifest().filter((item) => item.expect === 'ok')) {
    test(`${entry.file} makes the ImageKit example, like the reference`, async () => {
      const bytes = readFixture(entry.file);
      const result = expectOk(await processInPage(page(), entry.file, bytes, EXAMPLE_SPECS, CUSTOM));
      const { thumbnail, display, original } = result.variants;
      expect(original!.data.equals(bytes)).toBe(true);
      const sideways = (entry.orientation ?? 1) >= 5;
      expect([result.source.width, result.source.height]).toEqual(
        sideways ? [entry.height, entry.width] : [entry.width, entry.height],
      );
      expectGrey(await decodeRgba(display!.data), 1);
      await expectLikeReference(`${entry.file} thumbnail`, bytes, EXAMPLE_SPECS.thumbnail, thumbnail!);
      await expectLikeReference(`${entry.file} display`, bytes, EXAMPLE_SPECS.display, display!);
      // Privacy: re-encoded versions carry no EXIF, so no GPS position (many of these photos have one).
      for (const [name, version] of Object.entries({ thumbnail, display }))
        expect((await sharp(version!.data).metadata()).exif, `${name} EXIF`).toBeUndefined();
    });
  }

  if (!hasFixtures)
    test('every error file of the corpus is refused with its code and the pool carries on', () =>
      test.skip(true, NO_FIXTURES));
  for (const entry of fixtureManifest().filter((item) => item.expect === 'error')) {
    test(`${entry.file} is refused with ${EXPECTED_CODES[entry.file] ?? 'a typed error'} and the pool carries on`, async () => {
      const outcome = await processInPage(page(), entry.file, readFixture(entry.file), EXAMPLE_SPECS, CUSTOM);
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
      const next = await processInPage(
        page(),
        'tiny.jpg',
        readFixture('orient-landscape-1.jpg'),
        EXAMPLE_SPECS,
        CUSTOM,
      );
      expect(expectOk(next).variants['thumbnail']!.width).toBe(100);
    });
  }
});
