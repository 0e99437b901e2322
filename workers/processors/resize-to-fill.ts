import { fillSourceRect } from '../../src/shared/geometry.ts';
import type { ResolvedResizeToFill } from '../../src/shared/processors/resize-to-fill.ts';
import { resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** Covers the box and crops the overflow around the anchor, resampling only the kept part. */
export const runResizeToFill: ProcessorRun<ResolvedResizeToFill> = (frame, options) => {
  const target = { width: options.width, height: options.height };
  return resample(frame, fillSourceRect(frame, target, options.anchor), target);
};
