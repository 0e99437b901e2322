import { cropRect } from '../../src/shared/geometry.ts';
import type { ResolvedCrop } from '../../src/shared/processors/crop.ts';
import { resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** Keeps a box of the image, placed by `x`/`y` or by the anchor; a plain copy, no resampling. */
export const runCrop: ProcessorRun<ResolvedCrop> = (frame, options) => {
  const rect = cropRect(frame, options, options.anchor, options.x, options.y);
  if (rect.width === frame.width && rect.height === frame.height) return frame;
  return resample(frame, rect, rect);
};
