import { fitSize } from '../../src/shared/geometry.ts';
import type { ResolvedResizeToFit } from '../../src/shared/processors/resize-to-fit.ts';
import { releaseFrame } from '../frame.ts';
import { fullRect, resample } from '../resample.ts';
import { placeOnCanvas } from './resize-canvas.ts';
import type { ProcessorRun } from './types.ts';

/** Fits inside the box keeping the aspect ratio; with `matColor`, pads to the box's exact size (pilkit's `ResizeCanvas`). */
export const runResizeToFit: ProcessorRun<ResolvedResizeToFit> = async (frame, options) => {
  const size = fitSize(frame, options, options.upscale);
  const fitted =
    size.width === frame.width && size.height === frame.height ? frame : await resample(frame, fullRect(frame), size);
  if (options.matColor === null || options.width === null || options.height === null) return fitted;
  const mat = placeOnCanvas(fitted, { width: options.width, height: options.height }, options.matColor, {
    anchor: options.anchor,
    x: null,
    y: null,
  });
  if (fitted !== frame) releaseFrame(fitted);
  return mat;
};
