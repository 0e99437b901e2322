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

/** Outputs from this many pixels up are "large" for `lanczosHeadroom`. */
export const LARGE_OUTPUT_PIXELS = 1_000_000;

/**
 * How many times the target size a JPEG must still hold when it is decoded at reduced scale (in
 * the DCT domain, see `decodeFraction`) before lanczos3 makes the target from it. Small outputs
 * (thumbnails) keep 2x: decoding them larger costs little. Large outputs keep 1.25x: their SSIM
 * against sharp's lanczos3 of the full-size photo moves by under 0.001 (`npm run bench`), and a
 * smaller decode is most of what a 2048 px version costs.
 */
export function lanczosHeadroom(target: Size): number {
  return target.width * target.height >= LARGE_OUTPUT_PIXELS ? 1.25 : 2;
}
