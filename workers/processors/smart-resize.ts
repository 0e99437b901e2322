import { coverSize } from '../../src/shared/geometry.ts';
import type { ResolvedSmartResize } from '../../src/shared/processors/smart-resize.ts';
import { releaseFrame } from '../frame.ts';
import { fullRect, resample } from '../resample.ts';
import { smartCropFrame } from './smart-crop.ts';
import type { ProcessorRun } from './types.ts';

/** pilkit's `SmartResize`: cover the box (pilkit's rounding and upscale rule), then keep the most detailed window (see smart-crop.ts). */
export const runSmartResize: ProcessorRun<ResolvedSmartResize> = async (frame, options) => {
  const size = coverSize(frame, options, options.upscale);
  const covered =
    size.width === frame.width && size.height === frame.height ? frame : await resample(frame, fullRect(frame), size);
  const cropped = await smartCropFrame(covered, options);
  if (covered !== frame && cropped !== covered) releaseFrame(covered);
  return cropped;
};
