import type { ResolvedSetOpacity } from '../../src/shared/processors/set-opacity.ts';
import { mapPixels } from './pixels.ts';
import type { ProcessorRun } from './types.ts';

/** pilkit's `SetOpacity`: alpha scaled so that its maximum becomes `maxAlpha`, truncated. */
export function scaleAlpha(data: Uint8ClampedArray, maxAlpha: number): void {
  let highest = 0;
  for (let i = 3; i < data.length; i += 4) highest = Math.max(highest, data[i]!);
  // pilkit divides by zero here; an image with no opaque pixel at all stays as it is.
  if (highest === 0) return;
  for (let i = 3; i < data.length; i += 4) data[i] = Math.trunc((data[i]! * maxAlpha) / highest);
}

export const runSetOpacity: ProcessorRun<ResolvedSetOpacity> = (frame, { maxAlpha }) =>
  mapPixels(frame, ({ data }) => scaleAlpha(data, maxAlpha));
