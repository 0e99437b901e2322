import { anchoredRect, type Size } from '../../src/shared/geometry.ts';
import type { Placement, ResolvedResizeCanvas } from '../../src/shared/processors/resize-canvas.ts';
import { canvasFrame, context2d, type Frame } from '../frame.ts';
import type { ProcessorRun } from './types.ts';

/**
 * The frame on a new `size` canvas filled with `color`, placed by anchor or at x/y. As pilkit's
 * `paste`, the image's pixels replace the background's, transparent ones included.
 */
export function placeOnCanvas(frame: Frame, size: Size, color: string, placement: Placement): Frame {
  const { x, y } = placement.anchor ? anchoredRect(size, frame, placement.anchor) : placement;
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = context2d(canvas);
  context.fillStyle = color;
  context.fillRect(0, 0, size.width, size.height);
  context.clearRect(x, y, frame.width, frame.height);
  context.drawImage(frame.image, x, y);
  return canvasFrame(canvas);
}

export const runResizeCanvas: ProcessorRun<ResolvedResizeCanvas> = (frame, options) =>
  placeOnCanvas(frame, options, options.color, options);
