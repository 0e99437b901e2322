import type { ResolvedGaussianBlur } from '../../src/shared/processors/gaussian-blur.ts';
import { mapPixels } from './pixels.ts';
import type { ProcessorRun } from './types.ts';

/** Pillow blurs with three box blurs whose combined variance is the Gaussian's. */
const PASSES = 3;
const f32 = Math.fround;

/**
 * The fractional box radius for one pass (Pillow's `_gaussian_blur_radius`, after Gwosdek et al.,
 * "Theoretical foundations of Gaussian convolution by extended box filtering"), in the 32-bit
 * float arithmetic Pillow's C uses, so the weights below come out bit for bit the same.
 */
export function boxRadius(radius: number): number {
  const sigma2 = f32(f32(f32(radius) * f32(radius)) / PASSES);
  const length = f32(Math.sqrt(12 * sigma2 + 1));
  const whole = f32(Math.floor((length - 1) / 2));
  let fraction = f32(f32(f32(2 * whole) + 1) * f32(f32(whole * f32(whole + 1)) - f32(3 * sigma2)));
  fraction = f32(fraction / f32(6 * f32(sigma2 - f32(f32(whole + 1) * f32(whole + 1)))));
  return f32(whole + fraction);
}

/**
 * One pass of Pillow's extended box blur (BoxBlur.c `ImagingLineBoxBlur32`) along a line of
 * `count` RGBA pixels read from `source` at `start` + i * `step`, written to `target` alike:
 * a box of `2 * radius + 1` whole pixels plus a fractional weight for the two next ones, in
 * 24-bit fixed point, edges extended.
 */
function blurLine(
  source: Uint8ClampedArray,
  target: Uint8ClampedArray,
  start: number,
  step: number,
  count: number,
  floatRadius: number,
): void {
  const radius = Math.trunc(floatRadius);
  const ww = Math.trunc(f32(16777216 / f32(f32(floatRadius * 2) + 1)));
  const fw = Math.trunc((16777216 - (radius * 2 + 1) * ww) / 2);
  const last = count - 1;
  const edgeA = Math.min(radius + 1, count);
  const edgeB = Math.max(count - radius - 1, 0);
  const at = (x: number, c: number) => source[start + x * step + c]!;
  for (let c = 0; c < 4; c++) {
    let acc = at(0, c) * (radius + 1);
    for (let x = 0; x < edgeA - 1; x++) acc += at(x, c);
    acc += at(last, c) * (radius - edgeA + 1);
    const save = (x: number, left: number, right: number) => {
      target[start + x * step + c] = Math.floor((acc * ww + (at(left, c) + at(right, c)) * fw + (1 << 23)) / 16777216);
    };
    const move = (subtract: number, add: number) => (acc += at(add, c) - at(subtract, c));
    if (edgeA <= edgeB) {
      for (let x = 0; x < edgeA; x++) {
        move(0, x + radius);
        save(x, 0, x + radius + 1);
      }
      for (let x = edgeA; x < edgeB; x++) {
        move(x - radius - 1, x + radius);
        save(x, x - radius - 1, x + radius + 1);
      }
      for (let x = edgeB; x <= last; x++) {
        move(x - radius - 1, last);
        save(x, x - radius - 1, last);
      }
    } else {
      for (let x = 0; x < edgeB; x++) {
        move(0, x + radius);
        save(x, 0, x + radius + 1);
      }
      for (let x = edgeB; x < edgeA; x++) {
        move(0, last);
        save(x, 0, last);
      }
      for (let x = edgeA; x <= last; x++) {
        move(x - radius - 1, last);
        save(x, x - radius - 1, last);
      }
    }
  }
}

/** Pillow's `GaussianBlur(radius)` on RGBA data, in place: three passes across, then three down. */
export function blurPixels(pixels: ImageData, radius: number): void {
  const floatRadius = boxRadius(radius);
  if (floatRadius === 0) return;
  const { data, width, height } = pixels;
  const scratch = new Uint8ClampedArray(data.length);
  const lines = [
    { count: height, length: width, lineStep: width * 4, step: 4 },
    { count: width, length: height, lineStep: 4, step: width * 4 },
  ];
  for (const { count, length, lineStep, step } of lines) {
    for (let pass = 0; pass < PASSES; pass++) {
      for (let line = 0; line < count; line++) blurLine(data, scratch, line * lineStep, step, length, floatRadius);
      data.set(scratch);
    }
  }
}

export const runGaussianBlur: ProcessorRun<ResolvedGaussianBlur> = (frame, { radius }) =>
  mapPixels(frame, (pixels) => blurPixels(pixels, radius));
