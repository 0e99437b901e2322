import type { Anchor, Point } from './anchor.ts';
import { defineProcessor } from './definition.ts';
import type { FieldReader } from './field-reader.ts';

/** pilkit's default padding: white, fully transparent. */
export const TRANSPARENT = 'rgba(255, 255, 255, 0)';

export interface ResizeCanvasOptions {
  /** CSS colour of the padding; transparent by default. @default null */
  color?: string | null;
  /** Where the image sits on the new canvas, unless `x`/`y` are given. @default 'center' */
  anchor?: Anchor;
  /** Left edge of the image on the new canvas in pixels (may be negative); overrides the anchor. */
  x?: number;
  /** Top edge of the image on the new canvas in pixels (may be negative); overrides the anchor. */
  y?: number;
}

export interface ResizeCanvasProcessor extends ResizeCanvasOptions {
  op: 'resizeCanvas';
  width: number;
  height: number;
}

/** Either `anchor` or `x`/`y` places the image. */
export type Placement = { anchor: Point; x: null; y: null } | { anchor: null; x: number; y: number };

export type ResolvedResizeCanvas = {
  op: 'resizeCanvas';
  width: number;
  height: number;
  color: string;
} & Placement;

/**
 * Sets the canvas to `width` x `height` without scaling: padding with `color` where it grows,
 * cutting where it shrinks (pilkit `ResizeCanvas`).
 */
export function resizeCanvas(width: number, height: number, options: ResizeCanvasOptions = {}): ResizeCanvasProcessor {
  return { op: 'resizeCanvas', width, height, ...options };
}

/** pilkit's rule: an explicit `x` or `y` (the other then 0) excludes an anchor. */
export function readPlacement(read: FieldReader, fallback: Anchor): Placement {
  const x = read.coordinate('x');
  const y = read.coordinate('y');
  if (x === null && y === null) return { anchor: read.anchor('anchor', fallback), x: null, y: null };
  if (read.raw('anchor') !== undefined) read.fail('anchor', 'cannot be combined with x and y');
  return { anchor: null, x: x ?? 0, y: y ?? 0 };
}

export const resizeCanvasDefinition = defineProcessor(
  'resizeCanvas',
  ['width', 'height', 'color', 'anchor', 'x', 'y'],
  (read): ResolvedResizeCanvas => ({
    op: 'resizeCanvas',
    width: read.side('width'),
    height: read.side('height'),
    color: read.color('color', TRANSPARENT)!,
    ...readPlacement(read, 'center'),
  }),
);
