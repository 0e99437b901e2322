import { cropRect } from '../../src/geometry.ts';
import type { ResolvedProcessor } from '../../src/resolve-processor.ts';
import { resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** Keeps a box of the image, placed by `x`/`y` or by the anchor; a plain copy, no resampling. */
export const runCrop: ProcessorRun<Extract<ResolvedProcessor, { op: 'crop' }>> = (frame, options) => {
  const rect = cropRect(frame, options, options.anchor, options.x, options.y);
  if (rect.width === frame.width && rect.height === frame.height) return frame;
  return resample(frame, rect, rect);
};
