import type { ResolvedProcessor } from '../../src/resolve-processor.ts';
import { fullRect, resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** Exactly `width` x `height`, aspect ratio ignored. */
export const runResize: ProcessorRun<Extract<ResolvedProcessor, { op: 'resize' }>> = (frame, { width, height }) =>
  resample(frame, fullRect(frame), { width, height });
