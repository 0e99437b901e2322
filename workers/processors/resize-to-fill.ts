import { fillPlan } from '../../src/shared/geometry.ts';
import type { ResolvedResizeToFill } from '../../src/shared/processors/resize-to-fill.ts';
import { resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/**
 * Covers the box and crops the overflow around the anchor, resampling only the kept part; when
 * nothing scales, a plain copy of it (read from the kernel or in bands, never the whole image on a canvas).
 */
export const runResizeToFill: ProcessorRun<ResolvedResizeToFill> = (frame, options) => {
  const { region, size } = fillPlan(frame, options, options.anchor, options.upscale);
  if (
    region.width === frame.width &&
    region.height === frame.height &&
    size.width === region.width &&
    size.height === region.height
  ) {
    return frame;
  }
  return resample(frame, region, size);
};
