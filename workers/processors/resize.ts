import { resizeApplies } from '../../src/shared/geometry.ts';
import type { ResolvedResize } from '../../src/shared/processors/resize.ts';
import { fullRect, resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** Exactly `width` x `height`, aspect ratio ignored; without upscale, only when both sides shrink. */
export const runResize: ProcessorRun<ResolvedResize> = (frame, { width, height, upscale }) =>
  resizeApplies(frame, { width, height }, upscale) ? resample(frame, fullRect(frame), { width, height }) : frame;
