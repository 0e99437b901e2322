import type { ResolvedMakeOpaque } from '../../src/shared/processors/make-opaque.ts';
import { div255, mapPixels, parseColor } from './pixels.ts';
import type { ProcessorRun } from './types.ts';

/**
 * Each pixel over the solid colour with Pillow's paste-with-mask rounding. pilkit's own paste
 * also blends the alpha channel, leaving half-transparent pixels partly transparent; here every
 * pixel ends opaque, as the name promises.
 */
export function makePixelsOpaque(data: Uint8ClampedArray, [r, g, b]: readonly number[]): void {
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]!;
    const rest = 255 - alpha;
    data[i] = div255(r! * rest + data[i]! * alpha);
    data[i + 1] = div255(g! * rest + data[i + 1]! * alpha);
    data[i + 2] = div255(b! * rest + data[i + 2]! * alpha);
    data[i + 3] = 255;
  }
}

export const runMakeOpaque: ProcessorRun<ResolvedMakeOpaque> = (frame, { color }) =>
  mapPixels(frame, ({ data }) => makePixelsOpaque(data, parseColor(color)));
