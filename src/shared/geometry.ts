/**
 * Sizes and boxes for the resize and crop processors: plain arithmetic, no DOM, so it is
 * tested with equality. Rounding follows pilkit where pilkit defines it.
 */
import type { Point } from './processors/anchor.ts';

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

const atLeastOne = (value: number) => Math.max(1, Math.round(value));

/** The largest size inside `box` with the source's aspect ratio. */
export function fitSize(source: Size, box: Size, upscale: boolean): Size {
  let scale = Math.min(box.width / source.width, box.height / source.height);
  if (!upscale) scale = Math.min(scale, 1);
  return { width: atLeastOne(source.width * scale), height: atLeastOne(source.height * scale) };
}

/** The smallest size with the source's aspect ratio that covers `box`. */
export function coverSize(source: Size, box: Size, upscale: boolean): Size {
  let scale = Math.max(box.width / source.width, box.height / source.height);
  if (!upscale) scale = Math.min(scale, 1);
  return { width: atLeastOne(source.width * scale), height: atLeastOne(source.height * scale) };
}

/** Places `inner` within `outer` at `anchor` (pilkit truncates to whole pixels). */
export function anchoredRect(outer: Size, inner: Size, anchor: Point): Rect {
  return {
    x: Math.trunc((outer.width - inner.width) * anchor.x),
    y: Math.trunc((outer.height - inner.height) * anchor.y),
    width: inner.width,
    height: inner.height,
  };
}

/** The box `crop` keeps: explicit `x`/`y` win over the anchor; everything is clamped to the source. */
export function cropRect(source: Size, size: Size, anchor: Point, x: number | null, y: number | null): Rect {
  const width = Math.min(size.width, source.width);
  const height = Math.min(size.height, source.height);
  const anchored = anchoredRect(source, { width, height }, anchor);
  return {
    x: x === null ? anchored.x : Math.min(x, source.width - width),
    y: y === null ? anchored.y : Math.min(y, source.height - height),
    width,
    height,
  };
}

/**
 * The part of the source that `resizeToFill` keeps, in source pixels: cover-then-crop done as
 * crop-then-resize, so only the kept pixels are resampled.
 */
export function fillSourceRect(source: Size, target: Size, anchor: Point): Rect {
  const scale = Math.max(target.width / source.width, target.height / source.height);
  const width = Math.min(source.width, atLeastOne(target.width / scale));
  const height = Math.min(source.height, atLeastOne(target.height / scale));
  return {
    x: Math.round((source.width - width) * anchor.x),
    y: Math.round((source.height - height) * anchor.y),
    width,
    height,
  };
}

/**
 * A pre-shrink to less than this fraction of the region is worth it; a smaller step saves
 * lanczos little and costs a blur (measured: a 2880 px half-scale JPEG decode pre-shrunk to
 * 2560 px lost 0.003 SSIM at 2048 px).
 */
const WORTHWHILE_PRESHRINK = 2 / 3;

/**
 * Lanczos costs grow with the source's pixel count, so a large reduction first shrinks with
 * the browser's fast downscale to `headroom` times the target, and lanczos does the last step.
 * Returns the region's own size when the reduction is small.
 */
export function preshrinkSize(region: Size, target: Size, headroom: number): Size {
  const scale = Math.max((target.width * headroom) / region.width, (target.height * headroom) / region.height);
  if (scale > WORTHWHILE_PRESHRINK) return { width: region.width, height: region.height };
  return { width: Math.ceil(region.width * scale), height: Math.ceil(region.height * scale) };
}

/** Outputs from this many pixels up are "large" for `lanczosHeadroom`. */
export const LARGE_OUTPUT_PIXELS = 1_000_000;

/**
 * How many times the target size the browser's fast downscale may stop at before lanczos3 takes
 * over. Small outputs (thumbnails) keep 2x: lanczos from there costs little and is sharpest.
 * Large outputs stop at 1.25x: lanczos over a 12-22 MP source was most of the time for a 2048 px
 * version, and 1.25x halves it while its SSIM against sharp's lanczos3 moves by under 0.003
 * (`npm run bench`).
 */
export function lanczosHeadroom(target: Size): number {
  return target.width * target.height >= LARGE_OUTPUT_PIXELS ? 1.25 : 2;
}

/**
 * Whether the pre-shrink from `region` to `staged` needs the browser's area-averaging ('high')
 * downscale. Up to 2x, bilinear ('low') already reads every source pixel, so it does not alias,
 * and it skips building mipmaps of the whole photo, which was most of a 12 MP pre-shrink's cost.
 */
export function needsAreaAveraging(region: Size, staged: Size): boolean {
  return region.width > staged.width * 2 || region.height > staged.height * 2;
}
