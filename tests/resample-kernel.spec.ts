// The SIMD resample kernel against a floating-point lanczos3 written here, independently of it:
// the kernel's fixed point (14-bit weights, 6 fraction bits between the passes) must cost at most
// a level or two, on RGBA, BGRA, straight alpha and JPEG's YCbCr planes.
import { expect, test } from '@playwright/test';
import { openHarness } from './support/page.ts';
import type { KernelCase } from './pages/kernel-harness.ts';

const HARNESS = '/tests/pages/kernel-harness.html';

/** A deterministic test picture: waves plus noise, so that every tap of the filter matters. */
function picture(width: number, height: number, channels: number, seed: number): Uint8Array {
  const data = new Uint8Array(width * height * channels);
  let state = seed;
  const noise = () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 24) - 128;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const wave = 128 + 90 * Math.sin(x / (3 + c) + y / (5 + c) + seed);
        data[(y * width + x) * channels + c] = Math.max(0, Math.min(255, Math.round(wave + noise() / 6)));
      }
    }
  }
  return data;
}

const lanczos3 = (x: number) => {
  if (x === 0) return 1;
  if (Math.abs(x) >= 3) return 0;
  const a = Math.PI * x;
  return (3 * Math.sin(a) * Math.sin(a / 3)) / (a * a);
};

/** Pillow's convention: centre at (o + 0.5) * scale, filter widened when shrinking, clipped and renormalised. */
function weights(start: number, length: number, bound: [number, number], outputs: number) {
  const scale = length / outputs;
  const stretch = Math.max(1, scale);
  return Array.from({ length: outputs }, (_, o) => {
    const centre = start + (o + 0.5) * scale;
    const taps: [number, number][] = [];
    for (
      let i = Math.max(bound[0], Math.floor(centre - 3 * stretch));
      i < Math.min(bound[1], centre + 3 * stretch + 1);
      i++
    ) {
      const w = lanczos3((i + 0.5 - centre) / stretch);
      if (w !== 0) taps.push([i, w]);
    }
    const total = taps.reduce((sum, [, w]) => sum + w, 0);
    return taps.map(([i, w]) => [i, w / total] as [number, number]);
  });
}

interface Plane {
  data: Float64Array;
  width: number;
  height: number;
  channels: number;
}

function resampleFloat(
  plane: Plane,
  x: { start: number; length: number },
  y: { start: number; length: number },
  size: { width: number; height: number },
): Plane {
  const { data, width, height, channels } = plane;
  const across = weights(
    x.start,
    x.length,
    [Math.floor(x.start), Math.min(width, Math.ceil(x.start + x.length))],
    size.width,
  );
  const down = weights(
    y.start,
    y.length,
    [Math.floor(y.start), Math.min(height, Math.ceil(y.start + y.length))],
    size.height,
  );
  const rows = new Float64Array(size.width * height * channels);
  for (let row = 0; row < height; row++)
    across.forEach((taps, o) => {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (const [i, w] of taps) sum += w * data[(row * width + i) * channels + c]!;
        rows[(row * size.width + o) * channels + c] = sum;
      }
    });
  const out = new Float64Array(size.width * size.height * channels);
  const line = size.width * channels;
  down.forEach((taps, o) => {
    for (let k = 0; k < line; k++) {
      let sum = 0;
      for (const [i, w] of taps) sum += w * rows[i * line + k]!;
      out[o * line + k] = sum;
    }
  });
  return { data: out, ...size, channels };
}

const toByte = (value: number) => Math.max(0, Math.min(255, Math.round(value)));

/** Straight RGBA through premultiplied float lanczos3 and back, as sharp and pica do. */
function referenceRgba(
  rgba: Uint8Array,
  width: number,
  height: number,
  rect: KernelCase['rect'],
  size: KernelCase['size'],
) {
  const data = new Float64Array(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = rgba[i + 3]! / 255;
    for (let c = 0; c < 3; c++) data[i + c] = rgba[i + c]! * alpha;
    data[i + 3] = rgba[i + 3]!;
  }
  const out = resampleFloat(
    { data, width, height, channels: 4 },
    { start: rect.x, length: rect.width },
    { start: rect.y, length: rect.height },
    size,
  );
  const bytes = new Uint8Array(out.data.length);
  for (let i = 0; i < out.data.length; i += 4) {
    const alpha = toByte(out.data[i + 3]!);
    for (let c = 0; c < 3; c++) bytes[i + c] = alpha === 0 ? 0 : toByte((out.data[i + c]! * 255) / out.data[i + 3]!);
    bytes[i + 3] = alpha;
  }
  return bytes;
}

/** Largest difference per channel, counting colour only where the pixel is at least a quarter opaque. */
function largestDifference(actual: Uint8Array, expected: Uint8Array): number {
  let largest = 0;
  for (let i = 0; i < actual.length; i++) {
    if (i % 4 !== 3 && expected[i - (i % 4) + 3]! < 64) continue;
    largest = Math.max(largest, Math.abs(actual[i]! - expected[i]!));
  }
  return largest;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function runKernel(page: import('@playwright/test').Page, kernelCase: KernelCase): Promise<Uint8Array> {
  const result = await page.evaluate((input) => window.kernelHarness.resample(input), kernelCase);
  if (result === undefined) throw new Error('the kernel did not load in this browser');
  return new Uint8Array(Buffer.from(result, 'base64'));
}

function rgbaCase(
  rgba: Uint8Array,
  width: number,
  height: number,
  rect: KernelCase['rect'],
  size: KernelCase['size'],
  alpha: KernelCase['alpha'],
): KernelCase {
  return {
    layout: 'rgba',
    alpha,
    orientation: 1,
    width,
    height,
    planes: [{ base64: base64(rgba), width, height, subsampling: { x: 1, y: 1 } }],
    rect,
    size,
  };
}

test.beforeEach(async ({ page }) => {
  await openHarness(page, HARNESS);
});

test('opaque RGBA: shrinking, enlarging and a crop stay within one level of float lanczos3', async ({ page }) => {
  const width = 97;
  const height = 61;
  const rgba = picture(width, height, 4, 1);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  for (const [rect, size] of [
    [
      { x: 0, y: 0, width, height },
      { width: 40, height: 25 },
    ],
    [
      { x: 0, y: 0, width, height },
      { width: 150, height: 90 },
    ],
    [
      { x: 13, y: 7, width: 50, height: 40 },
      { width: 17, height: 13 },
    ],
    [
      { x: 0, y: 0, width, height },
      { width: 3, height: 2 },
    ],
  ] as const) {
    const actual = await runKernel(page, rgbaCase(rgba, width, height, rect, size, 'opaque'));
    const expected = referenceRgba(rgba, width, height, rect, size);
    expect(
      largestDifference(actual, expected),
      `${JSON.stringify(rect)} -> ${size.width}x${size.height}`,
    ).toBeLessThanOrEqual(1);
  }
});

test('BGRA pixels come out as RGBA, and padding bytes as opaque', async ({ page }) => {
  const width = 64;
  const height = 48;
  const bgra = picture(width, height, 4, 2);
  const rgba = bgra.slice();
  for (let i = 0; i < bgra.length; i += 4) {
    [rgba[i], rgba[i + 2], rgba[i + 3]] = [bgra[i + 2]!, bgra[i]!, 255];
  }
  const rect = { x: 0, y: 0, width, height };
  const size = { width: 30, height: 20 };
  const kernelCase = { ...rgbaCase(bgra, width, height, rect, size, 'padding'), layout: 'bgra' } as const;
  const actual = await runKernel(page, kernelCase);
  expect(largestDifference(actual, referenceRgba(rgba, width, height, rect, size))).toBeLessThanOrEqual(1);
});

test('straight alpha is premultiplied: transparent pixels lend no colour to their neighbours', async ({ page }) => {
  const width = 80;
  const height = 50;
  const rgba = picture(width, height, 4, 3);
  // Left half fully transparent black, with a soft edge; the rest as drawn.
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (x < 35) rgba.fill(0, i, i + 4);
      else if (x < 45) rgba[i + 3] = (x - 35) * 25;
    }
  const rect = { x: 0, y: 0, width, height };
  const size = { width: 33, height: 21 };
  const actual = await runKernel(page, rgbaCase(rgba, width, height, rect, size, 'straight'));
  expect(largestDifference(actual, referenceRgba(rgba, width, height, rect, size))).toBeLessThanOrEqual(2);
});

test("JPEG's YCbCr planes (4:2:0) resample and convert within two levels of float", async ({ page }) => {
  const width = 91;
  const height = 57;
  const chroma = { width: Math.ceil(width / 2), height: Math.ceil(height / 2) };
  const luma = picture(width, height, 1, 4);
  const blue = picture(chroma.width, chroma.height, 1, 5);
  const red = picture(chroma.width, chroma.height, 1, 6);
  const rect = { x: 0, y: 0, width, height };
  const size = { width: 40, height: 26 };
  const planeOf = (bytes: Uint8Array, w: number, h: number) => ({
    data: Float64Array.from(bytes),
    width: w,
    height: h,
    channels: 1,
  });
  const y = resampleFloat(
    planeOf(luma, width, height),
    { start: 0, length: width },
    { start: 0, length: height },
    size,
  );
  const half = (length: number) => ({ start: 0, length: length / 2 });
  const cb = resampleFloat(planeOf(blue, chroma.width, chroma.height), half(width), half(height), size);
  const cr = resampleFloat(planeOf(red, chroma.width, chroma.height), half(width), half(height), size);
  const expected = new Uint8Array(size.width * size.height * 4);
  for (let i = 0; i < size.width * size.height; i++) {
    const [l, b, r] = [toByte(y.data[i]!), toByte(cb.data[i]!) - 128, toByte(cr.data[i]!) - 128];
    expected.set([toByte(l + 1.402 * r), toByte(l - 0.344136 * b - 0.714136 * r), toByte(l + 1.772 * b), 255], i * 4);
  }
  const actual = await runKernel(page, {
    layout: 'ycbcr',
    alpha: 'opaque',
    orientation: 1,
    width,
    height,
    planes: [
      { base64: base64(luma), width, height, subsampling: { x: 1, y: 1 } },
      { base64: base64(blue), ...chroma, subsampling: { x: 2, y: 2 } },
      { base64: base64(red), ...chroma, subsampling: { x: 2, y: 2 } },
    ],
    rect,
    size,
  });
  expect(largestDifference(actual, expected)).toBeLessThanOrEqual(2);
});

test('an EXIF orientation is applied as the rows are written: orientation 6 equals resampling the upright image', async ({
  page,
}) => {
  const width = 70;
  const height = 44;
  const stored = picture(width, height, 4, 7);
  for (let i = 3; i < stored.length; i += 4) stored[i] = 255;
  // Orientation 6: upright pixel (x, y) is stored pixel (y, height - 1 - x).
  const upright = new Uint8Array(stored.length);
  for (let y = 0; y < width; y++)
    for (let x = 0; x < height; x++) {
      const from = ((height - 1 - x) * width + y) * 4;
      upright.set(stored.subarray(from, from + 4), (y * height + x) * 4);
    }
  const rect = { x: 5, y: 9, width: 30, height: 50 };
  const size = { width: 13, height: 21 };
  const actual = await runKernel(page, { ...rgbaCase(stored, width, height, rect, size, 'opaque'), orientation: 6 });
  expect(largestDifference(actual, referenceRgba(upright, height, width, rect, size))).toBeLessThanOrEqual(1);
});
