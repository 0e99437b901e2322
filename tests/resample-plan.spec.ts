// The resampler's planning is arithmetic: filter weights, EXIF orientation folded into the
// output rows, JPEG decode scales. Tested without a browser.
import { expect, test } from '@playwright/test';
import { planAxis, WEIGHT_ONE, type AxisPlan } from '../workers/resample/axis-plan.ts';
import { rowPlacement, storedRect, storedSize } from '../workers/resample/orientation.ts';

const weightsOf = (plan: AxisPlan, output: number) =>
  Array.from(plan.weights.subarray(output * plan.taps, (output + 1) * plan.taps));

test('every output of an axis plan has weights summing to exactly 1.0, read inside the bounds', () => {
  for (const [length, outputs] of [
    [4000, 2048],
    [5760, 100],
    [1367, 1366],
    [100, 333],
    [3, 1],
  ] as const) {
    const plan = planAxis({ start: 0, length, boundStart: 0, boundEnd: length, outputs }, 4);
    expect(plan.taps % 4, `${length} -> ${outputs}`).toBe(0);
    for (let output = 0; output < outputs; output++) {
      const weights = weightsOf(plan, output);
      expect(
        weights.reduce((sum, weight) => sum + weight, 0),
        `${length} -> ${outputs}, output ${output}`,
      ).toBe(WEIGHT_ONE);
      if (length >= plan.taps) {
        expect(plan.firsts[output]).toBeGreaterThanOrEqual(0);
        expect(plan.firsts[output]! + plan.taps).toBeLessThanOrEqual(length);
      }
    }
  }
});

test('the same size is an exact copy, and a 2x reduction reads lanczos3 around each pair', () => {
  const same = planAxis({ start: 0, length: 50, boundStart: 0, boundEnd: 50, outputs: 50 }, 2);
  for (let output = 0; output < 50; output++) {
    const weights = weightsOf(same, output);
    expect(weights.filter((weight) => weight !== 0)).toEqual([WEIGHT_ONE]);
    expect(same.firsts[output]! + weights.indexOf(WEIGHT_ONE)).toBe(output);
  }
  // Output 10 of a 2x reduction is centred between source 20 and 21: symmetric weights over 12 taps.
  const half = planAxis({ start: 0, length: 100, boundStart: 0, boundEnd: 100, outputs: 50 }, 1);
  expect(half.taps).toBe(12);
  const weights = weightsOf(half, 10);
  expect(half.firsts[10]).toBe(15);
  expect(weights).toEqual([...weights].reverse());
  expect(Math.max(...weights)).toBe(weights[5]);
  expect(Math.min(...weights)).toBeLessThan(0); // lanczos3's negative lobes
});

test('a window in fractional samples (a chroma plane) is centred where the luma says', () => {
  // Luma 0..8 reduced to 2 samples; chroma at half resolution covers the same window as 0..4.
  const chroma = planAxis({ start: 0, length: 4, boundStart: 0, boundEnd: 4, outputs: 2 }, 1);
  expect(weightsOf(chroma, 0)).toEqual([...weightsOf(chroma, 1)].reverse());
  // A crop whose edges fall between chroma samples reads only inside the whole samples it touches.
  const crop = planAxis({ start: 10.5, length: 20, boundStart: 10, boundEnd: 31, outputs: 10 }, 2);
  for (let output = 0; output < 10; output++) {
    const weights = weightsOf(crop, output);
    weights.forEach((weight, tap) => {
      if (weight !== 0) expect(crop.firsts[output]! + tap).toBeGreaterThanOrEqual(10);
      if (weight !== 0) expect(crop.firsts[output]! + tap).toBeLessThan(31);
    });
  }
});

/** Upright pixel (x, y) of an image stored `stored`, per the EXIF specification's eight cases. */
function storedPixelOf(orientation: number, x: number, y: number, stored: { width: number; height: number }) {
  const { width: w, height: h } = stored;
  switch (orientation) {
    case 2:
      return [w - 1 - x, y];
    case 3:
      return [w - 1 - x, h - 1 - y];
    case 4:
      return [x, h - 1 - y];
    case 5:
      return [y, x];
    case 6:
      return [y, h - 1 - x];
    case 7:
      return [w - 1 - y, h - 1 - x];
    case 8:
      return [w - 1 - y, x];
    default:
      return [x, y];
  }
}

test('rows written by rowPlacement make the upright image for all eight orientations', () => {
  const stored = { width: 5, height: 3 };
  for (let orientation = 1; orientation <= 8; orientation++) {
    const upright = storedSize(stored, orientation);
    const image = new Array<number>(stored.width * stored.height).fill(-1);
    for (let row = 0; row < stored.height; row++) {
      const { start, step } = rowPlacement(orientation, stored, row);
      for (let x = 0; x < stored.width; x++) image[start + x * step] = row * stored.width + x;
    }
    for (let y = 0; y < upright.height; y++) {
      for (let x = 0; x < upright.width; x++) {
        const [sx, sy] = storedPixelOf(orientation, x, y, stored);
        expect(image[y * upright.width + x], `orientation ${orientation} at ${x},${y}`).toBe(sy! * stored.width + sx!);
      }
    }
  }
});

test('storedRect finds an upright region in the stored pixels for all eight orientations', () => {
  const stored = { width: 40, height: 30 };
  const rect = { x: 3, y: 5, width: 7, height: 11 };
  for (let orientation = 1; orientation <= 8; orientation++) {
    const found = storedRect(rect, orientation, stored);
    // The region's corners, mapped one by one, span exactly the rectangle found.
    const corners = [
      [rect.x, rect.y],
      [rect.x + rect.width - 1, rect.y + rect.height - 1],
    ].map(([x, y]) => storedPixelOf(orientation, x!, y!, stored));
    const xs = corners.map(([x]) => x!);
    const ys = corners.map(([, y]) => y!);
    expect(found, `orientation ${orientation}`).toEqual({
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs) + 1,
      height: Math.max(...ys) - Math.min(...ys) + 1,
    });
  }
});
