import type { Anchor, Point } from './anchor.ts';
import { defineProcessor } from './definition.ts';

export interface ResizeToFitOptions {
  /** Enlarge images smaller than the box. @default true */
  upscale?: boolean;
  /**
   * Pad to exactly `width` x `height` with this CSS colour instead of returning a smaller image
   * (pilkit `mat_color`); needs both sides. @default null
   */
  matColor?: string | null;
  /** Where the image sits on the mat. @default 'center' */
  anchor?: Anchor;
}

export interface ResizeToFitProcessor extends ResizeToFitOptions {
  op: 'resizeToFit';
  width: number | null;
  height: number | null;
}

export interface ResolvedResizeToFit {
  op: 'resizeToFit';
  width: number | null;
  height: number | null;
  upscale: boolean;
  matColor: string | null;
  anchor: Point;
}

/**
 * Scales to fit inside `width` x `height`, keeping the aspect ratio (pilkit `ResizeToFit`). One
 * side may be `null`: the other alone then sets the scale.
 */
export function resizeToFit(
  width: number | null,
  height: number | null,
  options: ResizeToFitOptions = {},
): ResizeToFitProcessor {
  return { op: 'resizeToFit', width, height, ...options };
}

export const resizeToFitDefinition = defineProcessor(
  'resizeToFit',
  ['width', 'height', 'upscale', 'matColor', 'anchor'],
  (read): ResolvedResizeToFit => {
    const width = read.optionalSide('width');
    const height = read.optionalSide('height');
    if (width === null && height === null) read.fail('width', 'or height must be given');
    const matColor = read.color('matColor');
    if (matColor !== null && (width === null || height === null)) read.fail('matColor', 'needs both width and height');
    return {
      op: 'resizeToFit',
      width,
      height,
      upscale: read.boolean('upscale', true),
      matColor,
      anchor: read.anchor(),
    };
  },
);
