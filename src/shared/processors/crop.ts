import type { Anchor, Point } from './anchor.ts';
import { defineProcessor } from './definition.ts';

export interface CropOptions {
  /** Which part to keep when `x`/`y` are not given. @default 'center' */
  anchor?: Anchor;
  /** Left edge of the kept box in pixels; overrides the anchor horizontally. */
  x?: number;
  /** Top edge of the kept box in pixels; overrides the anchor vertically. */
  y?: number;
}

export interface CropProcessor extends CropOptions {
  op: 'crop';
  width: number;
  height: number;
}

export interface ResolvedCrop {
  op: 'crop';
  width: number;
  height: number;
  anchor: Point;
  x: number | null;
  y: number | null;
}

/** Cuts a `width` x `height` box out of the image, clamped to the image (pilkit `Crop`). */
export function crop(width: number, height: number, options: CropOptions = {}): CropProcessor {
  return { op: 'crop', width, height, ...options };
}

export const cropDefinition = defineProcessor(
  'crop',
  ['width', 'height', 'anchor', 'x', 'y'],
  (read): ResolvedCrop => ({
    op: 'crop',
    width: read.side('width'),
    height: read.side('height'),
    anchor: read.anchor(),
    x: read.offset('x'),
    y: read.offset('y'),
  }),
);
