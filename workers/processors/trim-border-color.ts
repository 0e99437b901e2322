import type { Rect } from '../../src/shared/geometry.ts';
import type { ResolvedTrimBorderColor, Side } from '../../src/shared/processors/trim-border-color.ts';
import { readPixels, ownedCanvas, releaseFrame } from '../frame.ts';
import { cropFrame, parseColor, type Rgba } from './pixels.ts';
import type { ProcessorRun } from './types.ts';

/**
 * pilkit's `detect_border_color`: per channel, the median (Pillow's: the first level past half
 * the count) of the outermost ring of pixels, or of every pixel when the image is under 3 px.
 */
export function borderColor({ data, width, height }: ImageData): Rgba {
  const histograms = Array.from({ length: 4 }, () => new Uint32Array(256));
  let count = 0;
  const ring = width > 2 && height > 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ring && x > 0 && y > 0 && x < width - 1 && y < height - 1) continue;
      const i = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) histograms[c]![data[i + c]!]!++;
      count++;
    }
  }
  const half = Math.floor(count / 2);
  return histograms.map((histogram) => {
    let sum = 0;
    return histogram.findIndex((n) => (sum += n) > half);
  }) as Rgba;
}

/**
 * The box pilkit keeps: pixels differing from `color` by more than the tolerance (as Pillow's
 * `ImageChops.subtract` of a constant, which leaves alpha out unless the tolerance is 0 or 1),
 * bounded; null when every pixel is the border colour.
 */
export function contentBox(pixels: ImageData, color: Rgba, tolerance: number): Rect | null {
  const { data, width, height } = pixels;
  const level = Math.trunc(tolerance * 255);
  // pilkit subtracts an L constant converted to RGBA, whose alpha is 255: alpha never counts then.
  const slack = tolerance === 0 || tolerance === 1 ? [0, 0, 0, 0] : [level, level, level, 255];
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      let differs = false;
      for (let c = 0; c < 4 && !differs; c++) differs = Math.abs(data[i + c]! - color[c]!) > slack[c]!;
      if (!differs) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? null : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** The content box, widened back to the image's edge on the sides not to be trimmed. */
export function trimmedRect(box: Rect, size: { width: number; height: number }, sides: readonly Side[]): Rect {
  const left = sides.includes('left') ? box.x : 0;
  const top = sides.includes('top') ? box.y : 0;
  const right = sides.includes('right') ? box.x + box.width : size.width;
  const bottom = sides.includes('bottom') ? box.y + box.height : size.height;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export const runTrimBorderColor: ProcessorRun<ResolvedTrimBorderColor> = (frame, options) => {
  const canvas = ownedCanvas(frame);
  const pixels = readPixels(canvas);
  const color = options.color === null ? borderColor(pixels) : parseColor(options.color);
  const box = contentBox(pixels, color, options.tolerance);
  const canvasOwned = { ...frame, image: canvas, owned: true };
  if (!box) return canvasOwned;
  const rect = trimmedRect(box, frame, options.sides);
  const trimmed = cropFrame(canvasOwned, rect.x, rect.y, rect.width, rect.height);
  if (trimmed !== canvasOwned) releaseFrame(canvasOwned);
  return trimmed;
};
