// Encoding: the default format of a version, the background a JPEG is flattened onto, and a
// browser that cannot encode. Every version is compared with sharp's reference.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { custom, resizeToFit, type ImageSpec } from '../src/index.ts';
import { drawPhoto } from './support/images.ts';
import { expectOk, processInPage, sharedHarness } from './support/page.ts';
import { decodeRgba } from './support/pixels.ts';
import { expectLikeReference, type Thresholds } from './support/reference.ts';

const page = sharedHarness();

/** No format given: the default rule decides. */
const SMALL: ImageSpec = { processors: [resizeToFit(160, 160)] };

/** Drawn sources, lossless or nearly: Chromium and sharp agree closely. */
const DRAWN: Thresholds = { ssim: 0.95, lumaDifference: 3 };

/** A drawn photo whose left half is fully transparent and top right half-transparent. */
async function drawWithTransparency(): Promise<Buffer> {
  const photo = await sharp(await drawPhoto(320, 240, { format: 'png' }))
    .ensureAlpha()
    .raw()
    .toBuffer();
  for (let y = 0; y < 240; y++) {
    for (let x = 0; x < 320; x++) {
      const alpha = 3 + (y * 320 + x) * 4;
      if (x < 160) photo[alpha] = 0;
      else if (y < 120) photo[alpha] = 128;
    }
  }
  return sharp(photo, { raw: { width: 320, height: 240, channels: 4 } })
    .png()
    .toBuffer();
}

const SOURCES: { what: string; name: string; make: () => Promise<Buffer>; type: string }[] = [
  { what: 'a JPEG', name: 'p.jpg', make: () => drawPhoto(320, 240), type: 'image/jpeg' },
  { what: 'a PNG', name: 'p.png', make: () => drawPhoto(320, 240, { format: 'png' }), type: 'image/png' },
  { what: 'a WebP', name: 'p.webp', make: () => drawPhoto(320, 240, { format: 'webp' }), type: 'image/webp' },
  {
    what: 'a GIF without transparency',
    name: 'p.gif',
    make: async () =>
      sharp(await drawPhoto(320, 240, { format: 'png' }))
        .gif()
        .toBuffer(),
    type: 'image/jpeg',
  },
  {
    what: 'a GIF with transparency',
    name: 't.gif',
    make: async () =>
      sharp(await drawWithTransparency())
        .gif()
        .toBuffer(),
    type: 'image/png',
  },
  {
    what: 'an AVIF without transparency',
    name: 'p.avif',
    make: async () =>
      sharp(await drawPhoto(320, 240, { format: 'png' }))
        .avif({ quality: 90 })
        .toBuffer(),
    type: 'image/jpeg',
  },
  {
    what: 'an AVIF with transparency',
    name: 't.avif',
    make: async () =>
      sharp(await drawWithTransparency())
        .avif({ quality: 90 })
        .toBuffer(),
    type: 'image/png',
  },
];

for (const source of SOURCES) {
  test(`by default, a version of ${source.what} is ${source.type}`, async () => {
    const bytes = await source.make();
    const result = expectOk(await processInPage(page(), source.name, bytes, { small: SMALL }));
    const version = result.variants['small']!;
    expect(version.type).toBe(source.type);
    expect((await sharp(version.data).metadata()).format).toBe(source.type.split('/')[1]);
    await expectLikeReference(`${source.what} as ${source.type}`, bytes, SMALL, version, { thresholds: DRAWN });
    if (source.type === 'image/png' && source.what.includes('with transparency')) {
      // The transparent half stays transparent, not black.
      expect((await decodeRgba(version.data)).data[3]).toBe(0);
    }
  });
}

test('a JPEG version is flattened onto the spec background: transparent pixels take its colour', async () => {
  const bytes = await drawWithTransparency();
  const spec: ImageSpec = { processors: [], format: 'image/jpeg', background: '#3366cc' };
  const result = expectOk(await processInPage(page(), 't.png', bytes, { flat: spec }));
  const flat = await decodeRgba(result.variants['flat']!.data);
  // Left quarter, middle row: fully transparent in the source.
  const at = (80 + 120 * flat.width) * 4;
  const [red, green, blue] = [flat.data[at]!, flat.data[at + 1]!, flat.data[at + 2]!];
  expect(Math.max(Math.abs(red - 0x33), Math.abs(green - 0x66), Math.abs(blue - 0xcc))).toBeLessThanOrEqual(4);
  await expectLikeReference('flattened onto #3366cc', bytes, spec, result.variants['flat']!, { thresholds: DRAWN });
});

test('a canvas the browser cannot encode fails its file with ENCODE_FAILED; the pool carries on', async () => {
  const photo = await drawPhoto(320, 240);
  const outcome = await processInPage(
    page(),
    'p.jpg',
    photo,
    { broken: { processors: [custom('empty')], format: 'image/png' } },
    { pool: 'custom' },
  );
  expect(outcome.ok ? 'processed' : outcome.error).toMatchObject({ code: 'ENCODE_FAILED', isImageSpecError: true });
  if (!outcome.ok) expect(outcome.error.message).toMatch(/^encode failed: image\/png for spec "broken": /);
  const next = expectOk(await processInPage(page(), 'p.jpg', photo, { small: SMALL }, { pool: 'custom' }));
  expect(next.variants['small']!.type).toBe('image/jpeg');
});
