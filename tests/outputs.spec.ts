// What comes out of the encoder: byte targets (maxBytes, shrinkToFit), the checks that refuse a
// blank output or one of another type than asked, and the source kept when re-encoding only adds bytes.
import { expect, test } from '@playwright/test';
import exifr from 'exifr';
import sharp, { type WebpOptions } from 'sharp';
import { custom, grayscale, resizeToFill, resizeToFit } from '../src/index.ts';
import { isAnimated } from '../src/shared/header/animation.ts';
import { stripMetadata } from '../src/shared/metadata/strip-metadata.ts';
import { qualitySteps } from '../src/shared/byte-target.ts';
import { isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { checkEncodedType } from '../workers/output-checks.ts';
import { fixtureManifest, hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { drawPhoto } from './support/images.ts';
import { countWholeFileReads, expectOk, processInPage, sharedHarness } from './support/page.ts';

const page = sharedHarness();

test('quality steps go down by 0.05 from the quality to the minimum, in whole percent', () => {
  expect(qualitySteps(0.85, 0.4)).toEqual([0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4]);
  expect(qualitySteps(0.92, 0.5)).toEqual([0.92, 0.87, 0.82, 0.77, 0.72, 0.67, 0.62, 0.57, 0.52, 0.5]);
  expect(qualitySteps(0.3, 0.3)).toEqual([0.3]);
});

test.describe('maxBytes on every photo of the corpus', () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  const photos = fixtureManifest().filter((entry) => entry.category === 'photo' && entry.expect === 'ok');

  for (const entry of photos) {
    test(`${entry.file}: at most the target, at the highest quality that fits`, async () => {
      test.setTimeout(120_000);
      const maxBytes = 300_000;
      const web = { processors: [resizeToFit(1600, 1600)], format: 'image/jpeg' as const };
      const result = expectOk(
        await processInPage(page(), entry.file, readFixture(entry.file), { web: { ...web, maxBytes } }),
      );
      const variant = result.variants['web']!;
      expect(variant.bytes).toBeLessThanOrEqual(maxBytes);
      expect(variant.data.length).toBe(variant.bytes);
      const quality = variant.quality!;
      expect(qualitySteps(0.85, 0.4)).toContain(quality);
      if (quality < 0.85) {
        const higher = Math.round(quality * 100 + 5) / 100;
        const check = expectOk(
          await processInPage(page(), entry.file, readFixture(entry.file), { web: { ...web, quality: higher } }),
        );
        expect(check.variants['web']!.bytes, `one step higher, ${higher}`).toBeGreaterThan(maxBytes);
      }
    });
  }
});

test('a target the lowest quality cannot meet fails with TOO_BIG_FOR_TARGET, or shrinks with shrinkToFit', async () => {
  const photo = await drawPhoto(1200, 900);
  const tooBig = await processInPage(page(), 'photo.jpg', photo, { web: { format: 'image/jpeg', maxBytes: 3000 } });
  expect(tooBig.ok).toBe(false);
  if (!tooBig.ok) {
    expect(tooBig.error.code).toBe('TOO_BIG_FOR_TARGET');
    expect(tooBig.error.message).toMatch(
      /^too big for target: spec "web" is \d+ bytes at its lowest quality, over maxBytes 3000$/,
    );
  }
  const shrunk = expectOk(
    await processInPage(page(), 'photo.jpg', photo, {
      web: { format: 'image/jpeg', maxBytes: 3000, shrinkToFit: true },
    }),
  );
  const variant = shrunk.variants['web']!;
  expect(variant.bytes).toBeLessThanOrEqual(3000);
  expect(variant.width).toBeLessThan(1200);
  expect(Math.abs(variant.width / variant.height - 4 / 3)).toBeLessThan(0.02);
});

test('a variant where nothing was drawn from an opaque source fails with ENCODE_FAILED', async () => {
  const outcome = await processInPage(
    page(),
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

test('a crop of a transparent area comes out transparent, not as a failure', async () => {
  // 400x200, transparent but for an opaque square at the left: the centre crop holds none of it.
  const square = await sharp({ create: { width: 80, height: 80, channels: 4, background: '#c03020ff' } })
    .png()
    .toBuffer();
  const source = await sharp({ create: { width: 400, height: 200, channels: 4, background: '#00000000' } })
    .composite([{ input: square, left: 10, top: 60 }])
    .png()
    .toBuffer();
  const result = expectOk(
    await processInPage(page(), 'flow.png', source, { display: { processors: [resizeToFill(100, 200)] } }),
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

test.describe('keepSmallerSource: never bigger for nothing', () => {
  /** A 600x400 photo saved at quality 60, turned by EXIF orientation 6, with a GPS position. */
  const lowQualityPhotoWithGps = async (quality = 60) =>
    sharp(await drawPhoto(600, 400, { format: 'png' }))
      .jpeg({ quality })
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: 'TestCam' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '48/1 51/1 2406/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '2/1 21/1 750/100',
        },
      })
      .toBuffer();

  test('a spec that leaves the pixels alone sends the smaller source, with no GPS and its orientation, made in the worker', async () => {
    const wholeReads = await countWholeFileReads(page());
    const photo = await lowQualityPhotoWithGps();
    expect((await exifr.gps(photo))?.latitude).toBeCloseTo(48.857, 3);
    const result = expectOk(
      await processInPage(page(), 'photo.jpg', photo, {
        kept: {},
        reencoded: { keepSmallerSource: false },
      }),
    );
    const kept = result.variants['kept']!;
    const reencoded = result.variants['reencoded']!;
    expect(reencoded.bytes).toBeGreaterThan(kept.bytes);
    expect(reencoded.quality).toBe(0.85);
    expect(kept.quality).toBeUndefined();
    expect(kept.data.equals(Buffer.from(stripMetadata(new Uint8Array(photo), 'image/jpeg', 'all')))).toBe(true);
    expect([kept.width, kept.height, kept.type]).toEqual([400, 600, 'image/jpeg']);
    expect(await exifr.gps(kept.data)).toBeUndefined();
    const tags = (await exifr.parse(kept.data, { tiff: true, translateValues: false })) as Record<string, unknown>;
    expect(tags['Orientation']).toBe(6);
    expect(tags['Make']).toBeUndefined();
    // The source was read and stripped by the worker, not on the page.
    expect(await wholeReads()).toBe(0);
  });

  test('a source the encoder makes smaller, or a spec that changes the pixels, is re-encoded', async () => {
    const fine = await lowQualityPhotoWithGps(98);
    const smaller = expectOk(await processInPage(page(), 'fine.jpg', fine, { web: {} })).variants['web']!;
    expect(smaller.bytes).toBeLessThan(fine.length);
    expect(smaller.quality).toBe(0.85);

    const coarse = await lowQualityPhotoWithGps(40);
    const processed = expectOk(
      await processInPage(page(), 'coarse.jpg', coarse, {
        grey: { processors: [grayscale()] },
        webp: { format: 'image/webp', quality: 1 },
      }),
    );
    for (const variant of Object.values(processed.variants)) expect(variant.quality).toBeDefined();
    expect(await exifr.gps(processed.variants['grey']!.data)).toBeUndefined();
    expect(processed.variants['webp']!.type).toBe('image/webp');
  });

  test('an animated source is never kept: the variant is its first frame', async () => {
    const animation = await twoFrameWebp(64, 48, { lossless: true });
    expect((await sharp(animation).metadata()).pages).toBe(2);
    const variant = expectOk(await processInPage(page(), 'animated.webp', animation, { still: { quality: 1 } }))
      .variants['still']!;
    expect(variant.type).toBe('image/webp');
    expect((await sharp(variant.data).metadata()).pages ?? 1).toBe(1);
  });
});

test('an animated PNG (acTL before the image data) or WebP (VP8X flag) is told apart from a still one', async () => {
  const still = await drawPhoto(8, 8, { format: 'png' });
  expect(isAnimated(new Uint8Array(still), 'image/png')).toBe(false);
  // acTL inserted right after IHDR (8-byte signature + 25-byte IHDR chunk): an APNG's place for it.
  const acTL = Buffer.from([0, 0, 0, 8, ...Buffer.from('acTL'), 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
  const apng = Buffer.concat([still.subarray(0, 33), acTL, still.subarray(33)]);
  expect(isAnimated(new Uint8Array(apng), 'image/png')).toBe(true);
  expect(isAnimated(new Uint8Array(await twoFrameWebp(8, 8)), 'image/webp')).toBe(true);
  expect(
    isAnimated(
      new Uint8Array(
        await sharp(await solidPng(8, 8, '#c0392b'))
          .webp()
          .toBuffer(),
      ),
      'image/webp',
    ),
  ).toBe(false);
});

function solidPng(width: number, height: number, colour: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: colour } })
    .png()
    .toBuffer();
}

/** An animated WebP of two frames (libwebp merges equal frames into a still image, so they differ). */
async function twoFrameWebp(width: number, height: number, options: WebpOptions = {}): Promise<Buffer> {
  const frames = [await solidPng(width, height, '#c0392b'), await solidPng(width, height, '#2980b9')];
  return sharp(frames, { join: { animated: true } })
    .webp(options)
    .toBuffer();
}
