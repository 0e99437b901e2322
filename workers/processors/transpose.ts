import type { ResolvedTranspose } from '../../src/shared/processors/transpose.ts';
import type { TransposeOperation } from '../../src/shared/processors/transpose.ts';
import { canvasFrame } from '../frame.ts';
import { reorient } from '../orient.ts';
import type { ProcessorRun } from './types.ts';

/** Each operation is the move an EXIF orientation describes. */
const AS_ORIENTATION: Record<TransposeOperation, number> = {
  rotate90: 6,
  rotate180: 3,
  rotate270: 8,
  flipHorizontal: 2,
  flipVertical: 4,
};

/** Quarter-turn rotations (clockwise) and mirror flips: exact pixel moves, no resampling. */
export const runTranspose: ProcessorRun<ResolvedTranspose> = (frame, { operation }) =>
  canvasFrame(reorient(frame.image, frame.width, frame.height, AS_ORIENTATION[operation]));
