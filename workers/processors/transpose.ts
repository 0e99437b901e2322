import type { ResolvedProcessor } from '../../src/resolve-processor.ts';
import { canvasFrame, context2d } from '../frame.ts';
import type { ProcessorRun } from './types.ts';

/** Quarter-turn rotations (clockwise) and mirror flips: exact pixel moves, no resampling. */
export const runTranspose: ProcessorRun<Extract<ResolvedProcessor, { op: 'transpose' }>> = (frame, { operation }) => {
  const { width, height } = frame;
  const turnsSideways = operation === 'rotate90' || operation === 'rotate270';
  const canvas = turnsSideways ? new OffscreenCanvas(height, width) : new OffscreenCanvas(width, height);
  const context = context2d(canvas);
  context.imageSmoothingEnabled = false;
  switch (operation) {
    case 'rotate90':
      context.setTransform(0, 1, -1, 0, height, 0);
      break;
    case 'rotate180':
      context.setTransform(-1, 0, 0, -1, width, height);
      break;
    case 'rotate270':
      context.setTransform(0, -1, 1, 0, 0, width);
      break;
    case 'flipHorizontal':
      context.setTransform(-1, 0, 0, 1, width, 0);
      break;
    case 'flipVertical':
      context.setTransform(1, 0, 0, -1, 0, height);
      break;
  }
  context.drawImage(frame.image, 0, 0);
  return canvasFrame(canvas);
};
