import { fillPlan } from '../../src/shared/geometry.ts';
import type { ResolvedResizeToFill } from '../../src/shared/processors/resize-to-fill.ts';
import { resample } from '../resample.ts';
import { cropFrame } from './pixels.ts';
import type { ProcessorRun } from './types.ts';

/** Covers the box and crops the overflow around the anchor, resampling only the kept part. */
export const runResizeToFill: ProcessorRun<ResolvedResizeToFill> = (frame, options) => {
  const { region, size } = fillPlan(frame, options, options.anchor, options.upscale);
  if (region.width === size.width && region.height === size.height) {
    return cropFrame(frame, region.x, region.y, size.width, size.height);
  }
  return resample(frame, region, size);
};
