/**
 * Built-in processors. Each factory returns plain data (JSON-serialisable), so a spec can
 * cross into a worker and be fingerprinted; the pixel work lives in `workers/processors/`.
 */

/** pilkit's nine named anchor points. */
export type AnchorName =
  'top-left' | 'top' | 'top-right' | 'left' | 'center' | 'right' | 'bottom-left' | 'bottom' | 'bottom-right';

/** A named point, or a relative one: `{ x: 0, y: 0 }` is the top left, `{ x: 1, y: 1 }` the bottom right. */
export type Anchor = AnchorName | { x: number; y: number };

/** Clockwise rotations (as CSS `rotate()`) and mirror flips. */
export type TransposeOperation = 'rotate90' | 'rotate180' | 'rotate270' | 'flipHorizontal' | 'flipVertical';

/** A JSON value: what a custom processor's options may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ResizeProcessor {
  op: 'resize';
  width: number;
  height: number;
}
export interface ResizeToFitProcessor {
  op: 'resizeToFit';
  width: number;
  height: number;
  upscale?: boolean;
  matColor?: string | null;
  anchor?: Anchor;
}
export interface ResizeToFillProcessor {
  op: 'resizeToFill';
  width: number;
  height: number;
  anchor?: Anchor;
}
export interface ResizeToCoverProcessor {
  op: 'resizeToCover';
  width: number;
  height: number;
  upscale?: boolean;
}
export interface CropProcessor {
  op: 'crop';
  width: number;
  height: number;
  anchor?: Anchor;
  x?: number;
  y?: number;
}
export interface AdjustProcessor {
  op: 'adjust';
  color?: number;
  brightness?: number;
  contrast?: number;
  sharpness?: number;
}
export interface GrayscaleProcessor {
  op: 'grayscale';
}
export interface TransposeProcessor {
  op: 'transpose';
  operation: TransposeOperation;
}
export interface CustomProcessor {
  op: 'custom';
  name: string;
  options?: { [key: string]: JsonValue };
  version?: number;
}

/** One step of a spec, as data. */
export type ProcessorSpec =
  | ResizeProcessor
  | ResizeToFitProcessor
  | ResizeToFillProcessor
  | ResizeToCoverProcessor
  | CropProcessor
  | AdjustProcessor
  | GrayscaleProcessor
  | TransposeProcessor
  | CustomProcessor;

/** Resizes to exactly `width` x `height`, ignoring the aspect ratio. */
export function resize(width: number, height: number): ResizeProcessor {
  return { op: 'resize', width, height };
}

export interface ResizeToFitOptions {
  /** Enlarge images smaller than the box. @default true */
  upscale?: boolean;
  /** Pad to exactly `width` x `height` with this CSS colour instead of returning a smaller image. @default null */
  matColor?: string | null;
  /** Where the image sits on the mat. @default 'center' */
  anchor?: Anchor;
}

/** Scales to fit inside `width` x `height`, keeping the aspect ratio. */
export function resizeToFit(width: number, height: number, options: ResizeToFitOptions = {}): ResizeToFitProcessor {
  return { op: 'resizeToFit', width, height, ...options };
}

/** Scales to cover `width` x `height`, then crops the overflow around `anchor` (the thumbnail processor). */
export function resizeToFill(width: number, height: number, options: { anchor?: Anchor } = {}): ResizeToFillProcessor {
  return { op: 'resizeToFill', width, height, ...options };
}

/** Scales, keeping the aspect ratio, to the smallest size that covers `width` x `height`. */
export function resizeToCover(
  width: number,
  height: number,
  options: { upscale?: boolean } = {},
): ResizeToCoverProcessor {
  return { op: 'resizeToCover', width, height, ...options };
}

export interface CropOptions {
  /** Which part to keep when `x`/`y` are not given. @default 'center' */
  anchor?: Anchor;
  /** Left edge of the kept box in pixels; overrides the anchor horizontally. */
  x?: number;
  /** Top edge of the kept box in pixels; overrides the anchor vertically. */
  y?: number;
}

/** Cuts a `width` x `height` box out of the image (clamped to the image). */
export function crop(width: number, height: number, options: CropOptions = {}): CropProcessor {
  return { op: 'crop', width, height, ...options };
}

export interface AdjustOptions {
  /** Saturation, Pillow `ImageEnhance.Color`: 0 grey, 1 unchanged. @default 1 */
  color?: number;
  /** Pillow `ImageEnhance.Brightness`: 0 black, 1 unchanged. @default 1 */
  brightness?: number;
  /** Pillow `ImageEnhance.Contrast`: 0 flat grey at the mean luma, 1 unchanged. @default 1 */
  contrast?: number;
  /** Pillow `ImageEnhance.Sharpness`: 0 smoothed, 1 unchanged, 2 sharpened. @default 1 */
  sharpness?: number;
}

/** pilkit's `Adjust`: Pillow's ImageEnhance factors, applied in the order color, brightness, contrast, sharpness. */
export function adjust(options: AdjustOptions): AdjustProcessor {
  return { op: 'adjust', ...options };
}

/** Converts to grey with ITU-R 601 luma weights (Pillow's `convert('L')`), keeping alpha. */
export function grayscale(): GrayscaleProcessor {
  return { op: 'grayscale' };
}

/** Rotates by a quarter turn (clockwise) or mirrors the image. */
export function transpose(operation: TransposeOperation): TransposeProcessor {
  return { op: 'transpose', operation };
}

/**
 * A processor registered by name in your own worker module (see `imagespec/worker`).
 * Bump `version` when the processor's code changes, so cached results made by the old code miss.
 */
export function custom(
  name: string,
  options: { [key: string]: JsonValue } = {},
  settings: { version?: number } = {},
): CustomProcessor {
  return { op: 'custom', name, options, ...settings };
}
