// What comes out of the encoder: byte targets (maxBytes, shrinkToFit), and the checks that refuse
// a blank output or one of another type than asked.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { custom, resizeToFill, resizeToFit } from '../src/index.ts';
import { qualitySteps } from '../src/shared/byte-target.ts';
import { isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { checkEncodedType } from '../workers/output-checks.ts';
import { fixtureManifest, hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { drawPhoto } from './support/images.ts';
import { expectOk, openHarness, processInPage } from './support/page.ts';

test('quality steps go down by 0.05 from the quality to the minimum, in whole percent', () => {
  expect(qualitySteps(0.85, 0.4)).toEqual([0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4]);
  expect(qualitySteps(0.92, 0.5)).toEqual([0.92, 0.87, 0.82, 0.77, 0.72, 0.67, 0.62, 0.57, 0.52, 0.5]);
  expect(qualitySteps(0.3, 0.3)).toEqual([0.3]);
});

test.describe('maxBytes on every photo of the corpus', () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  const photos = fixtureManifest().filter((entry) => entry.category === 'photo' && entry.expect === 'ok');

  for (const entry of photos) {
    test(`${entry.file}: at most the target, at the highest quality that fits`, async ({ page }) => {
      test.setTimeout(120_000);
      await openHarness(page);
      const maxBytes = 300_000;
      const web = { processors: [resizeToFit(1600, 1600)], format: 'image/jpeg' as const };
      const result = expectOk(
        await processInPage(page, entry.file, readFixture(entry.file), { web: { ...web, maxBytes } }),
      );
      const variant = result.variants['web']!;
      expect(variant.bytes).toBeLessThanOrEqual(maxBytes);
      expect(variant.data.length).toBe(variant.bytes);
      const quality = variant.quality!;
      expect(qualitySteps(0.85, 0.4)).toContain(quality);
      if (quality < 0.85) {
        const higher = Math.round(quality * 100 + 5) / 100;
        const check = expectOk(
          await processInPage(page, entry.file, readFixture(entry.file), { web: { ...web, quality: higher } }),
        );
        expect(check.variants['web']!.bytes, `one step higher, ${higher}`).toBeGreaterThan(maxBytes);
      }
    });
  }
});

test('a target the lowest quality cannot meet fails with TOO_BIG_FOR_TARGET, or shrinks with shrinkToFit', async ({
  page,
}) => {
  await openHarness(page);
  const photo = await drawPhoto(1200, 900);
  const tooBig = await processInPage(page, 'photo.jpg', photo, { web: { format: 'image/jpeg', maxBytes: 3000 } });
  expect(tooBig.ok).toBe(false);
  if (!tooBig.ok) {
    expect(tooBig.error.code).toBe('TOO_BIG_FOR_TARGET');
    expect(tooBig.error.message).toMatch(
      /^too big for target: spec "web" is \d+ bytes at its lowest quality, over maxBytes 3000$/,
    );
  }
  const shrunk = expectOk(
    await processInPage(page, 'photo.jpg', photo, { web: { format: 'image/jpeg', maxBytes: 3000, shrinkToFit: true } }),
  );
  const variant = shrunk.variants['web']!;
  expect(variant.bytes).toBeLessThanOrEqual(3000);
  expect(variant.width).toBeLessThan(1200);
  expect(Math.abs(variant.width / variant.height - 4 / 3)).toBeLessThan(0.02);
});

test('a variant where nothing was drawn from an opaque source fails with ENCODE_FAILED', async ({ page }) => {
  await openHarness(page);
  const outcome = await processInPage(
    page,
    'photo.jpg',
    await drawPhoto(300, 200),
    { blank: { processors: [custom('blank')], format: 'image/png' } },
    { pool: 'custom' },
  );
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) {
    expect(outcome.error.code).toBe('ENCODE_FAILED');
    expect(outcome.error.message).toBe(
      'encode failed: spec "blank" came out blank: nothing drawn from an opaque source',
    );
  }
});

test('a crop of a transparent area comes out transparent, not as a failure', async ({ page }) => {
  await openHarness(page);
  // 400x200, transparent but for an opaque square at the left: the centre crop holds none of it.
  const square = await sharp({ create: { width: 80, height: 80, channels: 4, background: '#c03020ff' } })
    .png()
    .toBuffer();
  const source = await sharp({ create: { width: 400, height: 200, channels: 4, background: '#00000000' } })
    .composite([{ input: square, left: 10, top: 60 }])
    .png()
    .toBuffer();
  const result = expectOk(
    await processInPage(page, 'flow.png', source, { display: { processors: [resizeToFill(100, 200)] } }),
  );
  const pixels = await sharp(result.variants['display']!.data)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect([pixels.info.width, pixels.info.height]).toEqual([100, 200]);
  expect(Math.max(...pixels.data.filter((_, i) => i % 4 === 3))).toBe(0);
});

test('an encoder answer of another type than asked (Safari gives PNG for WebP) fails with ENCODE_FAILED', async () => {
  const png = await drawPhoto(20, 20, { format: 'png' });
  const error = await checkEncodedType(
    new Blob([new Uint8Array(png)], { type: 'image/png' }),
    'image/webp',
    'web',
  ).catch((e: unknown) => e);
  expect(isImageSpecError(error) && error.code).toBe('ENCODE_FAILED');
  expect((error as Error).message).toBe(
    'encode failed: asked for image/webp, the browser produced image/png (image/png data)',
  );
  const labelled = await checkEncodedType(
    new Blob([new Uint8Array(png)], { type: 'image/webp' }),
    'image/webp',
    'web',
  ).catch((e: unknown) => e);
  expect((labelled as Error).message).toContain('(image/png data)');
  await expect(
    checkEncodedType(new Blob([new Uint8Array(png)], { type: 'image/png' }), 'image/png', 'web'),
  ).resolves.toBeUndefined();
});
