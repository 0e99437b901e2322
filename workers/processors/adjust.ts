import type { ResolvedAdjust } from '../../src/shared/processors/adjust.ts';
import { canvasFrame, context2d, ownedCanvas, readPixels } from '../frame.ts';
import { luma } from './grayscale.ts';
import type { ProcessorRun } from './types.ts';

type AdjustOptions = ResolvedAdjust;

/**
 * Pillow's `Image.blend(degenerate, image, factor)` on one channel value: the float result
 * is clipped to 0..255 and truncated, as Pillow's Blend.c does.
 */
function blend(degenerate: number, value: number, factor: number): number {
  const mixed = degenerate + factor * (value - degenerate);
  return mixed <= 0 ? 0 : mixed >= 255 ? 255 : Math.trunc(mixed);
}

/** ImageEnhance.Color: blend with the pixel's own grey (factor 0 = greyscale). */
export function enhanceColor(data: Uint8ClampedArray, factor: number): void {
  for (let i = 0; i < data.length; i += 4) {
    const grey = luma(data[i]!, data[i + 1]!, data[i + 2]!);
    for (let c = 0; c < 3; c++) data[i + c] = blend(grey, data[i + c]!, factor);
  }
}

/** ImageEnhance.Brightness: blend with black (factor 0 = black). */
export function enhanceBrightness(data: Uint8ClampedArray, factor: number): void {
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c++) data[i + c] = blend(0, data[i + c]!, factor);
  }
}

/** ImageEnhance.Contrast: blend with a flat grey at the image's mean luma, rounded. */
export function enhanceContrast(data: Uint8ClampedArray, factor: number): void {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += luma(data[i]!, data[i + 1]!, data[i + 2]!);
  const mean = Math.trunc(sum / (data.length / 4) + 0.5);
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c++) data[i + c] = blend(mean, data[i + c]!, factor);
  }
}

/**
 * ImageEnhance.Sharpness: blend with the image smoothed by Pillow's SMOOTH kernel
 * (1 1 1 / 1 5 1 / 1 1 1, divided by 13). As in Pillow, the border pixels are not filtered.
 */
export function enhanceSharpness(data: Uint8ClampedArray, width: number, height: number, factor: number): void {
  const source = data.slice();
  const row = width * 4;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * row + x * 4;
      for (let c = 0; c < 3; c++) {
        const at = i + c;
        const around =
          source[at - row - 4]! +
          source[at - row]! +
          source[at - row + 4]! +
          source[at - 4]! +
          source[at + 4]! +
          source[at + row - 4]! +
          source[at + row]! +
          source[at + row + 4]!;
        const smoothed = Math.min(255, Math.max(0, Math.round((around + 5 * source[at]!) / 13)));
        data[at] = blend(smoothed, source[at]!, factor);
      }
    }
  }
}

/**
 * pilkit's `Adjust`: color, brightness, contrast and sharpness in that order, each skipped at
 * its neutral factor 1. Alpha is left as it was.
 */
export function adjustPixels(pixels: ImageData, options: AdjustOptions): void {
  const { data, width, height } = pixels;
  if (options.color !== 1) enhanceColor(data, options.color);
  if (options.brightness !== 1) enhanceBrightness(data, options.brightness);
  if (options.contrast !== 1) enhanceContrast(data, options.contrast);
  if (options.sharpness !== 1) enhanceSharpness(data, width, height, options.sharpness);
}

export const runAdjust: ProcessorRun<AdjustOptions> = (frame, options) => {
  const canvas = ownedCanvas(frame);
  const pixels = readPixels(canvas);
  adjustPixels(pixels, options);
  context2d(canvas).putImageData(pixels, 0, 0);
  return canvasFrame(canvas);
};
