// The benchmark's workloads as plain data. The page turns them into each contender's own calls;
// the Node side (which loads this file through Vite) turns them into sharp references.

import { fillSourceRect, fitSize as fitInside, type Rect, type Size } from '../../src/shared/geometry.ts';

/** One file a workload asks for. `fit` and `fill` are resizes; `original` is the input itself. */
export interface OutputSpec {
  name: string;
  kind: 'fit' | 'fill' | 'original';
  /** The box: for `fit` the output lies inside it, for `fill` it is the output's exact size. */
  width: number;
  height: number;
  /** JPEG quality every contender is asked for. */
  quality: number;
  /** A pixel effect after the resize. Only imagespec applies it; peers do the geometry alone. */
  effect?: 'adjust' | 'black-and-white';
}

export interface Workload {
  id: 'a' | 'b';
  name: string;
  outputs: OutputSpec[];
}

/** (a) django-imagekit's example: two small filled versions and the original. */
export const EXAMPLE: Workload = {
  id: 'a',
  name: 'ImageKit example',
  outputs: [
    { name: 'thumbnail', kind: 'fill', width: 100, height: 75, quality: 0.85, effect: 'adjust' },
    { name: 'display', kind: 'fill', width: 200, height: 400, quality: 0.85, effect: 'black-and-white' },
    { name: 'original', kind: 'original', width: 0, height: 0, quality: 1 },
  ],
};

/** (b) The one version every peer can make: fit within 2048x2048, JPEG 0.85. */
export const WEB: Workload = {
  id: 'b',
  name: 'web 2048',
  outputs: [{ name: 'web', kind: 'fit', width: 2048, height: 2048, quality: 0.85 }],
};

export const WORKLOADS: Record<Workload['id'], Workload> = { a: EXAMPLE, b: WEB };

/** The example's thumbnail adjustment, shared by imagespec's spec and the Node-side reference. */
export const THUMBNAIL_ADJUST = { contrast: 1.2, sharpness: 1.1 } as const;

export type { Rect, Size };

/** The fitted size, as imagespec rounds it (never upscaled). */
export const fitSize = (source: Size, box: Size): Size => fitInside(source, box, false);

/** The centred part of the source that a fill to `target` keeps (what imagespec's centre anchor keeps). */
export const centredFillRegion = (source: Size, target: Size): Rect =>
  fillSourceRect(source, target, { x: 0.5, y: 0.5 });

/** The smallest size with the source's aspect that covers `target` (what a fit-only peer must make before cropping). */
export function coverSize(source: Size, target: Size): Size {
  const scale = Math.max(target.width / source.width, target.height / source.height);
  return { width: source.width * scale, height: source.height * scale };
}
