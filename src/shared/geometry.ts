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

/** A target box; pilkit lets `resizeToFit` leave one side out (`null`) to scale by the other. */
export interface Box {
  width: number | null;
  height: number | null;
}

/**
 * Python's `round()`, which pilkit's `int(round(x))` uses: halves go to the even neighbour.
 * `value - floor` is exact for doubles, so the half test is too.
 */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return fraction < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

const atLeastOne = (value: number) => Math.max(1, roundHalfEven(value));

/** pilkit's `Resize` rule: without `upscale`, an image is resized only when both sides shrink. */
export function resizeApplies(source: Size, target: Size, upscale: boolean): boolean {
  return upscale || (target.width < source.width && target.height < source.height);
}

function scaled(source: Size, ratio: number, upscale: boolean): Size {
  const target = { width: atLeastOne(source.width * ratio), height: atLeastOne(source.height * ratio) };
  return resizeApplies(source, target, upscale) ? target : { width: source.width, height: source.height };
}

/** pilkit's `ResizeToFit` size: the largest same-ratio size inside `box` (or the source's, see `resizeApplies`). */
export function fitSize(source: Size, box: Box, upscale: boolean): Size {
  const byWidth = box.width === null ? Infinity : box.width / source.width;
  const byHeight = box.height === null ? Infinity : box.height / source.height;
  return scaled(source, Math.min(byWidth, byHeight), upscale);
}

/** pilkit's `ResizeToCover` size: the smallest same-ratio size that covers `box`. */
export function coverSize(source: Size, box: Size, upscale: boolean): Size {
  return scaled(source, Math.max(box.width / source.width, box.height / source.height), upscale);
}

/** Places `inner` within `outer` at `anchor` (pilkit truncates toward zero; `inner` may be larger). */
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

/** What `resizeToFill` makes: the part of the source it keeps, and the size that part becomes. */
export interface FillPlan {
  region: Rect;
  size: Size;
}

/**
 * pilkit's `ResizeToFill` (cover, then crop at the anchor) done as crop-then-resize, so only the
 * kept pixels are resampled. The output size is pilkit's exactly: the target, or less where the
 * source is smaller and `upscale` is off.
 */
export function fillPlan(source: Size, target: Size, anchor: Point, upscale: boolean): FillPlan {
  const cover = coverSize(source, target, upscale);
  const size = { width: Math.min(target.width, cover.width), height: Math.min(target.height, cover.height) };
  const kept = anchoredRect(cover, size, anchor);
  const scaleX = source.width / cover.width;
  const scaleY = source.height / cover.height;
  const width = Math.min(source.width, atLeastOne(size.width * scaleX));
  const height = Math.min(source.height, atLeastOne(size.height * scaleY));
  return {
    region: {
      x: Math.min(Math.round(kept.x * scaleX), source.width - width),
      y: Math.min(Math.round(kept.y * scaleY), source.height - height),
      width,
      height,
    },
    size,
  };
}

/** The part of the source that `resizeToFill` keeps, in source pixels (see `fillPlan`). */
export function fillSourceRect(source: Size, target: Size, anchor: Point): Rect {
  return fillPlan(source, target, anchor, true).region;
}

/**
 * How many times the target size a JPEG must still hold when it is decoded at reduced scale (in
 * the DCT domain, see `decodeFraction`) before lanczos3 makes the target from it. Twice, for
 * every output: the DCT-domain scaling of libjpeg-turbo treats each 8x8 block alone, and on fine
 * texture (the bench's generated fabric) a 2048 px version from a 7/8 decode (1.45x) scored SSIM
 * 0.875 against sharp's lanczos3 of the full photo, a 1200 px one from a 4/8 decode (1.42x)
 * 0.779, where the full decode scores 0.9999; from 2x up (800 and 400 px) 0.998.
 */
export const LANCZOS_HEADROOM = 2;
