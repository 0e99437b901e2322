/**
 * How small a JPEG may be decoded for a set of specs: every spec that starts with a resize needs
 * only enough pixels for its lanczos headroom, so a thumbnail never needs the full photo. Plain
 * arithmetic, tested without a browser.
 */
import { coverSize, fillPlan, fitSize, LANCZOS_HEADROOM, type Size } from './geometry.ts';
import type { ResolvedProcessor } from './processors/registry.ts';

/** The scales a JPEG decoder can produce directly in the DCT domain, largest reduction first. */
const JPEG_DENOMINATORS = [8, 4, 2] as const;

/** The part of the image a spec's first processor reads, and the size it makes of it. */
function firstResample(
  processor: ResolvedProcessor | undefined,
  full: Size,
): { region: Size; target: Size } | undefined {
  switch (processor?.op) {
    case 'resize':
      return { region: full, target: processor.upscale ? processor : fitSize(full, processor, false) };
    case 'resizeToFit':
      return { region: full, target: fitSize(full, processor, processor.upscale) };
    case 'resizeToCover':
    case 'smartResize':
      return { region: full, target: coverSize(full, processor, processor.upscale) };
    case 'resizeToFill':
      return { ...fillPlan(full, processor, processor.anchor, processor.upscale), target: processor };
    default:
      // No resize first (crop at pixel offsets, adjust, custom code...): the spec needs every pixel.
      return undefined;
  }
}

/** Whether every spec starts with a resize, so that none needs the decoded image itself. */
export function everySpecResamplesFirst(firstSteps: readonly (ResolvedProcessor | undefined)[]): boolean {
  return firstSteps.every((step) => firstResample(step, { width: 1, height: 1 }) !== undefined);
}

/** The smallest fraction (0..1] of the full size every spec can start from at full quality. */
export function decodeFraction(firstSteps: readonly (ResolvedProcessor | undefined)[], full: Size): number {
  let fraction = 0;
  for (const step of firstSteps) {
    const resample = firstResample(step, full);
    if (!resample) return 1;
    const { region, target } = resample;
    fraction = Math.max(
      fraction,
      (target.width * LANCZOS_HEADROOM) / region.width,
      (target.height * LANCZOS_HEADROOM) / region.height,
    );
  }
  return Math.min(1, fraction);
}

/** The largest JPEG scale-down (8, 4, 2, or 1 for none) that still keeps `fraction` of the pixels. */
export function jpegDenominator(fraction: number): number {
  return JPEG_DENOMINATORS.find((denominator) => 1 / denominator >= fraction) ?? 1;
}
