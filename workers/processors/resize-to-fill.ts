import { fillSourceRect } from '../../src/geometry.ts';
import type { ResolvedProcessor } from '../../src/resolve-processor.ts';
import { resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** Covers the box and crops the overflow around the anchor, resampling only the kept part. */
export const runResizeToFill: ProcessorRun<Extract<ResolvedProcessor, { op: 'resizeToFill' }>> = (frame, options) => {
  const target = { width: options.width, height: options.height };
  return resample(frame, fillSourceRect(frame, target, options.anchor), target);
};
