// Each processor against its formula or a reference image, on lossless PNG in and out.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import {
  addBorder,
  adjust,
  colorOverlay,
  crop,
  custom,
  grayscale,
  imageOverlay,
  makeOpaque,
  resize,
  resizeCanvas,
  resizeToCover,
  resizeToFill,
  resizeToFit,
  smartCrop,
  smartResize,
  transpose,
  trimBorderColor,
  type AnchorName,
  type ProcessorSpec,
  type TransposeOperation,
} from '../src/index.ts';
import type { ImageSpec, Spec } from '../src/shared/specs.ts';
import { drawCoordinates, drawPhoto } from './support/images.ts';
import { expectOk, processInPage, sharedHarness } from './support/page.ts';
import { decodeRgba, maxChannelDifference, type Raw } from './support/pixels.ts';
import { SHARP_TRANSPOSE } from './support/reference.ts';

const png = (processors: ProcessorSpec[]): ImageSpec => ({ processors, format: 'image/png' });

const page = sharedHarness();

const ANCHORS: Record<AnchorName, [number, number]> = {
  'top-left': [0, 0],
  top: [0.5, 0],
  'top-right': [1, 0],
  left: [0, 0.5],
  center: [0.5, 0.5],
  right: [1, 0.5],
  'bottom-left': [0, 1],
  bottom: [0.5, 1],
  'bottom-right': [1, 1],
};

function pixel(image: Raw, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
}

test('crop keeps the box at each of the nine anchors, at a relative anchor and at x/y', async () => {
  const specs: Record<string, Spec> = {};
  for (const anchor of Object.keys(ANCHORS) as AnchorName[]) specs[anchor] = png([crop(50, 40, { anchor })]);
  specs['relative'] = png([crop(50, 40, { anchor: { x: 0.25, y: 0.75 } })]);
  specs['explicit'] = png([crop(50, 40, { x: 17, y: 9 })]);
  specs['oversized'] = png([crop(500, 400)]);
  const result = expectOk(await processInPage(page(), 'coordinates.png', await drawCoordinates(200, 100), specs));
  const firstPixel = async (name: string) => pixel(await decodeRgba(result.variants[name]!.data), 0, 0).slice(0, 2);
  for (const [anchor, [ax, ay]] of Object.entries(ANCHORS)) {
    expect(await firstPixel(anchor), anchor).toEqual([Math.trunc(150 * ax), Math.trunc(60 * ay)]);
    expect([result.variants[anchor]!.width, result.variants[anchor]!.height]).toEqual([50, 40]);
  }
  expect(await firstPixel('relative')).toEqual([Math.trunc(150 * 0.25), Math.trunc(60 * 0.75)]);
  expect(await firstPixel('explicit')).toEqual([17, 9]);
  expect([result.variants['oversized']!.width, result.variants['oversized']!.height]).toEqual([200, 100]);
});

test('resizeToFill keeps the part of the image at its anchor', async () => {
  const specs: Record<string, Spec> = {};
  for (const anchor of ['left', 'center', 'right'] as const) specs[anchor] = png([resizeToFill(50, 50, { anchor })]);
  const result = expectOk(await processInPage(page(), 'coordinates.png', await drawCoordinates(200, 100), specs));
  // The kept region is 100x100 at x = 0, 50, 100; halved, its middle pixel shows x ≈ left + 50.
  for (const [anchor, left] of [
    ['left', 0],
    ['center', 50],
    ['right', 100],
  ] as const) {
    const image = await decodeRgba(result.variants[anchor]!.data);
    expect([image.width, image.height]).toEqual([50, 50]);
    const [red, green] = pixel(image, 25, 25);
    expect(Math.abs(red! - (left + 51)), `${anchor} red ${red}`).toBeLessThanOrEqual(2);
    expect(Math.abs(green! - 51), `${anchor} green ${green}`).toBeLessThanOrEqual(2);
  }
});

test('resize, resizeToFit and resizeToCover give their documented sizes', async () => {
  const result = expectOk(
    await processInPage(page(), 'photo.png', await drawPhoto(300, 200, { format: 'png' }), {
      exact: png([resize(123, 45)]),
      fit: png([resizeToFit(100, 100)]),
      fitNoUpscale: png([resizeToFit(1000, 1000, { upscale: false })]),
      fitUpscale: png([resizeToFit(600, 600)]),
      cover: png([resizeToCover(100, 100)]),
      coverNoUpscale: png([resizeToCover(1000, 1000, { upscale: false })]),
    }),
  );
  const size = (name: string) => [result.variants[name]!.width, result.variants[name]!.height];
  expect(size('exact')).toEqual([123, 45]);
  expect(size('fit')).toEqual([100, 67]);
  expect(size('fitNoUpscale')).toEqual([300, 200]);
  expect(size('fitUpscale')).toEqual([600, 400]);
  expect(size('cover')).toEqual([150, 100]);
  expect(size('coverNoUpscale')).toEqual([300, 200]);
});

test('resizeToFit with a mat pads to the exact box, the image placed at the anchor', async () => {
  const result = expectOk(
    await processInPage(page(), 'photo.png', await drawPhoto(300, 200, { format: 'png' }), {
      top: png([resizeToFit(100, 100, { matColor: '#ff00ff', anchor: 'top' })]),
      center: png([resizeToFit(100, 100, { matColor: 'rgb(255, 0, 255)' })]),
    }),
  );
  const magenta = [255, 0, 255, 255];
  const top = await decodeRgba(result.variants['top']!.data);
  expect([top.width, top.height]).toEqual([100, 100]);
  expect(pixel(top, 50, 90)).toEqual(magenta); // the mat below the 100x67 image
  expect(pixel(top, 50, 10)).not.toEqual(magenta);
  const center = await decodeRgba(result.variants['center']!.data);
  expect(pixel(center, 50, 5)).toEqual(magenta);
  expect(pixel(center, 50, 95)).toEqual(magenta);
  expect(pixel(center, 50, 50)).not.toEqual(magenta);
});

test('transpose rotates clockwise and mirrors, pixel for pixel', async () => {
  const source = await drawPhoto(90, 60, { format: 'png' });
  const specs = Object.fromEntries(
    Object.keys(SHARP_TRANSPOSE).map((op) => [op, png([transpose(op as TransposeOperation)])]),
  );
  const result = expectOk(await processInPage(page(), 'photo.png', source, specs));
  for (const [op, reference] of Object.entries(SHARP_TRANSPOSE)) {
    const actual = await decodeRgba(result.variants[op]!.data);
    const expected = await decodeRgba(await reference(sharp(source)).png().toBuffer());
    expect([actual.width, actual.height], op).toEqual([expected.width, expected.height]);
    expect(maxChannelDifference(actual, expected), op).toBe(0);
  }
});

// Pillow's ImageEnhance, written from its documentation: enhance(f) = blend(degenerate, image, f),
// blend = clip(degenerate + f * (image - degenerate)) truncated to an integer.
const L = (r: number, g: number, b: number) => (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
const blendValue = (d: number, v: number, f: number) => Math.max(0, Math.min(255, Math.trunc(d + f * (v - d))));

function pillowEnhance(image: Raw, kind: 'color' | 'brightness' | 'contrast' | 'sharpness', factor: number): Raw {
  const src = image.data;
  const out = Buffer.from(src);
  const { width, height } = image;
  let mean = 0;
  if (kind === 'contrast') {
    let sum = 0;
    for (let i = 0; i < src.length; i += 4) sum += L(src[i]!, src[i + 1]!, src[i + 2]!);
    mean = Math.trunc(sum / (width * height) + 0.5);
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        let degenerate: number;
        if (kind === 'color') degenerate = L(src[i]!, src[i + 1]!, src[i + 2]!);
        else if (kind === 'brightness') degenerate = 0;
        else if (kind === 'contrast') degenerate = mean;
        else if (x === 0 || y === 0 || x === width - 1 || y === height - 1) degenerate = src[i + c]!;
        else {
          // ImageFilter.SMOOTH: 3x3 kernel 1 1 1 / 1 5 1 / 1 1 1, scale 13.
          let sum = 0;
          for (let dy = -1; dy <= 1; dy++)
            for (let dx = -1; dx <= 1; dx++)
              sum += (dx === 0 && dy === 0 ? 5 : 1) * src[i + (dy * width + dx) * 4 + c]!;
          degenerate = Math.min(255, Math.round(sum / 13));
        }
        out[i + c] = blendValue(degenerate, src[i + c]!, factor);
      }
    }
  }
  return { data: out, width, height };
}

test('adjust follows Pillow ImageEnhance: color, brightness, contrast, sharpness and pilkit order', async () => {
  const source = await drawPhoto(160, 120, { format: 'png' });
  const original = await decodeRgba(source);
  const cases = {
    color: { options: { color: 0.4 }, expected: pillowEnhance(original, 'color', 0.4) },
    brightness: { options: { brightness: 1.3 }, expected: pillowEnhance(original, 'brightness', 1.3) },
    contrast: { options: { contrast: 1.2 }, expected: pillowEnhance(original, 'contrast', 1.2) },
    sharpness: { options: { sharpness: 2 }, expected: pillowEnhance(original, 'sharpness', 2) },
    example: {
      options: { contrast: 1.2, sharpness: 1.1 },
      expected: pillowEnhance(pillowEnhance(original, 'contrast', 1.2), 'sharpness', 1.1),
    },
    neutral: { options: { color: 1, brightness: 1, contrast: 1, sharpness: 1 }, expected: original },
  };
  const specs = Object.fromEntries(Object.entries(cases).map(([name, { options }]) => [name, png([adjust(options)])]));
  const result = expectOk(await processInPage(page(), 'photo.png', source, specs));
  for (const [name, { expected }] of Object.entries(cases)) {
    const actual = await decodeRgba(result.variants[name]!.data);
    expect(maxChannelDifference(actual, expected, 3), name).toBeLessThanOrEqual(1);
  }
});

test('contrast on a mostly dark photo blends towards its own mean grey, not mid grey, as Pillow does', async () => {
  // The photo above averages near mid grey, where the two would agree within a level.
  const source = await sharp(await drawPhoto(160, 120, { format: 'png' }))
    .linear(0.3, 4)
    .png()
    .toBuffer();
  const original = await decodeRgba(source);
  let sum = 0;
  for (let i = 0; i < original.data.length; i += 4)
    sum += L(original.data[i]!, original.data[i + 1]!, original.data[i + 2]!);
  const meanLuma = sum / (original.width * original.height);
  console.log(`dark photo: mean luma ${meanLuma.toFixed(1)}`);
  // Blending towards 128 instead would move every pixel by |factor - 1| x (128 - mean): 30+ levels here.
  expect(meanLuma).toBeLessThan(60);
  const factors = { flatter: 0.5, stronger: 1.5 };
  const result = expectOk(
    await processInPage(
      page(),
      'dark.png',
      source,
      Object.fromEntries(Object.entries(factors).map(([name, contrast]) => [name, png([adjust({ contrast })])])),
    ),
  );
  for (const [name, factor] of Object.entries(factors)) {
    const actual = await decodeRgba(result.variants[name]!.data);
    expect(maxChannelDifference(actual, pillowEnhance(original, 'contrast', factor), 3), name).toBeLessThanOrEqual(1);
  }
});

test('grayscale sets R = G = B to the ITU-R 601 luma and keeps alpha', async () => {
  const source = await sharp(await drawPhoto(120, 80, { format: 'png' }))
    .ensureAlpha(0.5)
    .png()
    .toBuffer();
  const original = await decodeRgba(source);
  const result = expectOk(await processInPage(page(), 'photo.png', source, { grey: png([grayscale()]) }));
  const actual = await decodeRgba(result.variants['grey']!.data);
  let worst = 0;
  let alphaChanged = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    const luma = L(original.data[i]!, original.data[i + 1]!, original.data[i + 2]!);
    for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(actual.data[i + c]! - luma));
    if (actual.data[i + 3] !== original.data[i + 3]) alphaChanged++;
  }
  expect(worst).toBeLessThanOrEqual(1);
  expect(alphaChanged).toBe(0);
});

test('a custom processor gets its options and the source metadata', async () => {
  const result = expectOk(
    await processInPage(
      page(),
      'photo.jpg',
      await drawPhoto(120, 80),
      { stamped: png([custom('fill', { color: '#336699' })]) },
      { pool: 'custom' },
    ),
  );
  const stamped = await decodeRgba(result.variants['stamped']!.data);
  expect(pixel(stamped, 10, 10)).toEqual([0x33, 0x66, 0x99, 255]);
  // The processor writes the source's format and width into the first pixel row, as a proof it saw them.
  expect(pixel(stamped, 0, 0).slice(0, 2)).toEqual([1, 120]);
});

test('resizeCanvas and addBorder pad exactly as sharp extend does', async () => {
  const source = await drawPhoto(90, 60, { format: 'png' });
  const result = expectOk(
    await processInPage(page(), 'photo.png', source, {
      canvas: png([resizeCanvas(121, 80, { color: '#00ff00' })]),
      border: png([addBorder([3, 5, 7, 9], '#ff0000')]),
      cut: png([resizeCanvas(50, 40, { anchor: 'bottom-right' })]),
    }),
  );
  const extend = (top: number, right: number, bottom: number, left: number, background: string) =>
    sharp(source).extend({ top, right, bottom, left, background }).png().toBuffer();
  // Centred: x = trunc(31 / 2) = 15 on the left, 16 on the right.
  const canvas = await decodeRgba(await extend(10, 16, 10, 15, '#00ff00'));
  expect(maxChannelDifference(await decodeRgba(result.variants['canvas']!.data), canvas)).toBe(0);
  const border = await decodeRgba(await extend(3, 5, 7, 9, '#ff0000'));
  expect(maxChannelDifference(await decodeRgba(result.variants['border']!.data), border)).toBe(0);
  const cut = await decodeRgba(
    await sharp(source).extract({ left: 40, top: 20, width: 50, height: 40 }).png().toBuffer(),
  );
  expect(maxChannelDifference(await decodeRgba(result.variants['cut']!.data), cut)).toBe(0);
});

test('trimBorderColor removes a detected or given border colour, as sharp trim does, on the sides asked', async () => {
  const inner = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#204060' } })
    .composite([{ input: await drawPhoto(50, 30, { format: 'png' }), left: 5, top: 5 }])
    .png()
    .toBuffer();
  const framed = await sharp(inner)
    .extend({ top: 13, right: 7, bottom: 4, left: 21, background: '#fafafa' })
    .png()
    .toBuffer();
  const result = expectOk(
    await processInPage(page(), 'framed.png', framed, {
      detected: png([trimBorderColor()]),
      given: png([trimBorderColor({ color: '#fafafa', tolerance: 0 })]),
      leftOnly: png([trimBorderColor({ sides: ['left'] })]),
    }),
  );
  const reference = await decodeRgba(
    await sharp(framed).trim({ background: '#fafafa', threshold: 0 }).png().toBuffer(),
  );
  expect([reference.width, reference.height]).toEqual([60, 40]);
  for (const name of ['detected', 'given']) {
    expect(maxChannelDifference(await decodeRgba(result.variants[name]!.data), reference), name).toBe(0);
  }
  expect([result.variants['leftOnly']!.width, result.variants['leftOnly']!.height]).toEqual([67, 57]);
});

test('makeOpaque equals sharp flatten onto the colour (±1 level: the canvas keeps colour premultiplied)', async () => {
  const translucent = await sharp(await drawPhoto(80, 60, { format: 'png' }))
    .ensureAlpha(0.4)
    .png()
    .toBuffer();
  const result = expectOk(
    await processInPage(page(), 'glass.png', translucent, { opaque: png([makeOpaque('#3366cc')]) }),
  );
  const reference = await decodeRgba(await sharp(translucent).flatten({ background: '#3366cc' }).png().toBuffer());
  const actual = await decodeRgba(result.variants['opaque']!.data);
  expect(maxChannelDifference(actual, reference)).toBeLessThanOrEqual(1);
});

test('colorOverlay blends by its formula and imageOverlay matches sharp composite at an anchor', async () => {
  const source = await drawPhoto(120, 80, { format: 'png' });
  const mark = await sharp({
    create: { width: 30, height: 20, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } },
  })
    .png()
    .toBuffer();
  const result = expectOk(
    await processInPage(page(), 'photo.png', source, {
      tint: png([colorOverlay('#0000ff', 0.25)]),
      mark: png([imageOverlay(`data:image/png;base64,${mark.toString('base64')}`, { anchor: 'bottom-right' })]),
    }),
  );
  const original = await decodeRgba(source);
  const tint = await decodeRgba(result.variants['tint']!.data);
  const keep = Math.trunc(0.75 * 255);
  const div255 = (v: number) => (((v + 128) >> 8) + v + 128) >> 8;
  let worst = 0;
  for (let i = 0; i < tint.data.length; i += 4) {
    const blue = [0, 0, 255];
    for (let c = 0; c < 3; c++) {
      const expected = div255(blue[c]! * (255 - keep) + original.data[i + c]! * keep);
      worst = Math.max(worst, Math.abs(tint.data[i + c]! - expected));
    }
  }
  expect(worst).toBe(0);
  const composite = await decodeRgba(
    await sharp(source)
      .composite([{ input: mark, gravity: 'southeast' }])
      .png()
      .toBuffer(),
  );
  expect(maxChannelDifference(await decodeRgba(result.variants['mark']!.data), composite)).toBe(0);
});

test('smartCrop keeps a detailed patch on a flat field, wherever of the nine places it is', async () => {
  const noise = await sharp({
    create: {
      width: 60,
      height: 60,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();
  for (const [anchor, [ax, ay]] of Object.entries(ANCHORS)) {
    const left = Math.round((400 - 60) * ax);
    const top = Math.round((300 - 60) * ay);
    const field = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#6b8e23' } })
      .composite([{ input: noise, left, top }])
      .png()
      .toBuffer();
    const result = expectOk(
      await processInPage(page(), 'field.png', field, {
        smart: png([smartCrop(100, 100)]),
        resized: png([smartResize(100, 75)]),
      }),
    );
    const kept = await decodeRgba(result.variants['smart']!.data);
    // Count pixels that differ from the flat field: the whole 60x60 patch must be inside.
    let patch = 0;
    for (let i = 0; i < kept.data.length; i += 4) {
      if (Math.abs(kept.data[i]! - 0x6b) + Math.abs(kept.data[i + 1]! - 0x8e) + Math.abs(kept.data[i + 2]! - 0x23) > 6)
        patch++;
    }
    expect(patch, anchor).toBeGreaterThan(60 * 60 * 0.95);
    expect([result.variants['resized']!.width, result.variants['resized']!.height]).toEqual([100, 75]);
  }
});
