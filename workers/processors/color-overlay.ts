import type { ResolvedColorOverlay } from '../../src/shared/processors/color-overlay.ts';
import { div255, mapPixels, parseColor } from './pixels.ts';
import type { ProcessorRun } from './types.ts';

/**
 * pilkit's `ColorOverlay`: `Image.composite(image, colour, mask)` with a mask of
 * `trunc((1 - opacity) * 255)`, rounded as Pillow's paste. Alpha is kept (pilkit drops it).
 */
export function overlayColor(data: Uint8ClampedArray, color: readonly number[], opacity: number): void {
  const keep = Math.trunc((1 - opacity) * 255);
  const cover = 255 - keep;
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c++) data[i + c] = div255(color[c]! * cover + data[i + c]! * keep);
  }
}

export const runColorOverlay: ProcessorRun<ResolvedColorOverlay> = (frame, { color, opacity }) =>
  mapPixels(frame, ({ data }) => overlayColor(data, parseColor(color), opacity));
