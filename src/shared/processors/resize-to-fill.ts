import type { Anchor, Point } from './anchor.ts';
import { defineProcessor } from './definition.ts';

export interface ResizeToFillOptions {
  /** Which part of the image is kept when the overflow is cropped. @default 'center' */
  anchor?: Anchor;
  /** Enlarge images smaller than the box; without it a small image is only cropped. @default true */
  upscale?: boolean;
}

export interface ResizeToFillProcessor extends ResizeToFillOptions {
  op: 'resizeToFill';
  width: number;
  height: number;
}

export interface ResolvedResizeToFill {
  op: 'resizeToFill';
  width: number;
  height: number;
  anchor: Point;
  upscale: boolean;
}

/** Scales to cover `width` x `height`, then crops the overflow around `anchor` (pilkit `ResizeToFill`). */
export function resizeToFill(width: number, height: number, options: ResizeToFillOptions = {}): ResizeToFillProcessor {
  return { op: 'resizeToFill', width, height, ...options };
}

export const resizeToFillDefinition = defineProcessor(
  'resizeToFill',
  ['width', 'height', 'anchor', 'upscale'],
  (read): ResolvedResizeToFill => ({
    op: 'resizeToFill',
    width: read.side('width'),
    height: read.side('height'),
    anchor: read.anchor(),
    upscale: read.boolean('upscale', true),
  }),
);
