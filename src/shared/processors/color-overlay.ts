import { defineProcessor } from './definition.ts';

export interface ColorOverlayProcessor {
  op: 'colorOverlay';
  color: string;
  /** How much of `color` covers the image: 0 none, 1 all of it. @default 0.5 */
  opacity?: number;
}

export interface ResolvedColorOverlay {
  op: 'colorOverlay';
  color: string;
  opacity: number;
}

/** Tints the image: blends `color` over it at `opacity` (pilkit `ColorOverlay`). */
export function colorOverlay(color: string, opacity = 0.5): ColorOverlayProcessor {
  return { op: 'colorOverlay', color, opacity };
}

export const colorOverlayDefinition = defineProcessor(
  'colorOverlay',
  ['color', 'opacity'],
  (read): ResolvedColorOverlay => {
    const color = read.color('color');
    if (color === null) return read.fail('color', 'must be a CSS colour');
    return { op: 'colorOverlay', color, opacity: read.number('opacity', 0, 1, 0.5) };
  },
);
