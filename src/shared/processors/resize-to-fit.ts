import type { Anchor, Point } from './anchor.ts';
import { defineProcessor } from './definition.ts';

export interface ResizeToFitOptions {
  /** Enlarge images smaller than the box. @default true */
  upscale?: boolean;
  /** Pad to exactly `width` x `height` with this CSS colour instead of returning a smaller image. @default null */
  matColor?: string | null;
  /** Where the image sits on the mat. @default 'center' */
  anchor?: Anchor;
}

export interface ResizeToFitProcessor extends ResizeToFitOptions {
  op: 'resizeToFit';
  width: number;
  height: number;
}

export interface ResolvedResizeToFit {
  op: 'resizeToFit';
  width: number;
  height: number;
  upscale: boolean;
  matColor: string | null;
  anchor: Point;
}

/** Scales to fit inside `width` x `height`, keeping the aspect ratio (pilkit `ResizeToFit`). */
export function resizeToFit(width: number, height: number, options: ResizeToFitOptions = {}): ResizeToFitProcessor {
  return { op: 'resizeToFit', width, height, ...options };
}

export const resizeToFitDefinition = defineProcessor(
  'resizeToFit',
  ['width', 'height', 'upscale', 'matColor', 'anchor'],
  (read): ResolvedResizeToFit => ({
    op: 'resizeToFit',
    width: read.side('width'),
    height: read.side('height'),
    upscale: read.boolean('upscale', true),
    matColor: read.color('matColor'),
    anchor: read.anchor(),
  }),
);
