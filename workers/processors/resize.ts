import type { ResolvedResize } from '../../src/shared/processors/resize.ts';
import { fullRect, resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** Exactly `width` x `height`, aspect ratio ignored. */
export const runResize: ProcessorRun<ResolvedResize> = (frame, { width, height }) =>
  resample(frame, fullRect(frame), { width, height });
