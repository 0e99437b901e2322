// The pixel formulas the README documents, written from its text for the reference (see
// reference.ts): Pillow's ImageEnhance as pilkit's Adjust runs it, Pillow's RGB -> L, and the
// example's black and white by ITU-R 601 luma.
import type { AdjustProcessor } from '../../src/index.ts';
import type { Raw } from './pixels.ts';

/** Pillow's RGB -> L: `(19595 R + 38470 G + 7471 B + 2^15) >> 16`. */
const pillowLuma = (data: Buffer, i: number) =>
  (19595 * data[i]! + 38470 * data[i + 1]! + 7471 * data[i + 2]! + 32768) >> 16;

/** Sets R = G = B = `level(data, i)` for every pixel; alpha kept. */
function greyBy(image: Raw, level: (data: Buffer, i: number) => number): Raw {
  const data = Buffer.from(image.data);
  for (let i = 0; i < data.length; i += 4) data[i] = data[i + 1] = data[i + 2] = level(image.data, i);
  return { data, width: image.width, height: image.height };
}

/** `grayscale()`: R = G = B = Pillow's luma. */
export const toPillowGrey = (image: Raw): Raw => greyBy(image, pillowLuma);

/** The example's `custom('toBW')`: R = G = B = round(0.299 R + 0.587 G + 0.114 B). */
export const toLuma601 = (image: Raw): Raw =>
  greyBy(image, (data, i) => Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!));

/** `out = clip(trunc(D + f · (v − D)))` for each RGB value `v` and its degenerate value `D`. */
function blendWith(image: Raw, factor: number, degenerate: (i: number) => number): Raw {
  const data = Buffer.from(image.data);
  for (let i = 0; i < data.length; i++) {
    if (i % 4 === 3) continue;
    const d = degenerate(i);
    data[i] = Math.min(255, Math.max(0, Math.trunc(d + factor * (image.data[i]! - d))));
  }
  return { data, width: image.width, height: image.height };
}

/** Pillow's SMOOTH filter (1 1 1 / 1 5 1 / 1 1 1, ÷13, rounded) at value `i`; border pixels unfiltered. */
function smoothed(image: Raw, i: number): number {
  const { data, width, height } = image;
  const pixel = i >> 2;
  const x = pixel % width;
  const y = Math.floor(pixel / width);
  if (x === 0 || y === 0 || x === width - 1 || y === height - 1) return data[i]!;
  let sum = 4 * data[i]!;
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += data[i + (dy * width + dx) * 4]!;
  return Math.round(sum / 13);
}

/** pilkit's Adjust: color, brightness, contrast, sharpness in that order, factor 1 skipped. */
export function applyAdjust(image: Raw, adjust: AdjustProcessor): Raw {
  let out = image;
  const { color = 1, brightness = 1, contrast = 1, sharpness = 1 } = adjust;
  if (color !== 1) {
    const source = out;
    out = blendWith(source, color, (i) => pillowLuma(source.data, i - (i % 4)));
  }
  if (brightness !== 1) out = blendWith(out, brightness, () => 0);
  if (contrast !== 1) {
    let sum = 0;
    for (let i = 0; i < out.data.length; i += 4) sum += pillowLuma(out.data, i);
    const mean = Math.trunc(sum / (out.data.length / 4) + 0.5);
    out = blendWith(out, contrast, () => mean);
  }
  if (sharpness !== 1) {
    const source = out;
    out = blendWith(source, sharpness, (i) => smoothed(source, i));
  }
  return out;
}
