import { anchoredRect, fitSize } from '../../src/shared/geometry.ts';
import type { ResolvedResizeToFit } from '../../src/shared/processors/resize-to-fit.ts';
import { canvasFrame, context2d, releaseFrame } from '../frame.ts';
import { fullRect, resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** Fits inside the box keeping the aspect ratio; with `matColor`, pads to the box's exact size. */
export const runResizeToFit: ProcessorRun<ResolvedResizeToFit> = async (frame, options) => {
  const box = { width: options.width, height: options.height };
  const size = fitSize(frame, box, options.upscale);
  const fitted =
    size.width === frame.width && size.height === frame.height ? frame : await resample(frame, fullRect(frame), size);
  if (options.matColor === null) return fitted;

  const mat = new OffscreenCanvas(box.width, box.height);
  const context = context2d(mat);
  context.fillStyle = options.matColor;
  context.fillRect(0, 0, box.width, box.height);
  const place = anchoredRect(box, size, options.anchor);
  context.drawImage(fitted.image, place.x, place.y);
  if (fitted !== frame) releaseFrame(fitted);
  return canvasFrame(mat);
};
