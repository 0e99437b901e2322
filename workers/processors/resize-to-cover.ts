import { coverSize } from '../../src/shared/geometry.ts';
import type { ResolvedResizeToCover } from '../../src/shared/processors/resize-to-cover.ts';
import { fullRect, resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** The smallest size with the same aspect ratio that covers the box. */
export const runResizeToCover: ProcessorRun<ResolvedResizeToCover> = (frame, options) => {
  const size = coverSize(frame, options, options.upscale);
  if (size.width === frame.width && size.height === frame.height) return frame;
  return resample(frame, fullRect(frame), size);
};
