import type { ResolvedAddBorder } from '../../src/shared/processors/add-border.ts';
import { placeOnCanvas } from './resize-canvas.ts';
import type { ProcessorRun } from './types.ts';

/** pilkit's `AddBorder`: a canvas larger by the border, the image at (left, top). */
export const runAddBorder: ProcessorRun<ResolvedAddBorder> = (frame, { top, right, bottom, left, color }) =>
  placeOnCanvas(frame, { width: frame.width + left + right, height: frame.height + top + bottom }, color, {
    anchor: null,
    x: left,
    y: top,
  });
