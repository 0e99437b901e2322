import { defineProcessor } from './definition.ts';
import type { FieldReader } from './field-reader.ts';
import { TRANSPARENT } from './resize-canvas.ts';

/** One thickness for every side, or `[top, right, bottom, left]` as in CSS. */
export type BorderThickness = number | readonly [number, number, number, number];

export interface AddBorderProcessor {
  op: 'addBorder';
  thickness: BorderThickness;
  /** CSS colour of the border; transparent by default. @default null */
  color?: string | null;
}

export interface ResolvedAddBorder {
  op: 'addBorder';
  top: number;
  right: number;
  bottom: number;
  left: number;
  color: string;
}

/** Adds a border `thickness` pixels wide (or `[top, right, bottom, left]`) of `color` around the image (pilkit `AddBorder`). */
export function addBorder(thickness: BorderThickness, color: string | null = null): AddBorderProcessor {
  return { op: 'addBorder', thickness, color };
}

const MAX_BORDER = 4096;

function readThickness(read: FieldReader): [number, number, number, number] {
  const value = read.raw('thickness');
  const sides = Array.isArray(value) ? (value as unknown[]) : [value, value, value, value];
  const valid = (side: unknown) => Number.isInteger(side) && (side as number) >= 0 && (side as number) <= MAX_BORDER;
  if (sides.length !== 4 || !sides.every(valid)) {
    read.fail(
      'thickness',
      `must be a whole number of pixels from 0 to ${MAX_BORDER}, or four of them, got ${JSON.stringify(value)}`,
    );
  }
  return sides as [number, number, number, number];
}

export const addBorderDefinition = defineProcessor('addBorder', ['thickness', 'color'], (read): ResolvedAddBorder => {
  const [top, right, bottom, left] = readThickness(read);
  return { op: 'addBorder', top, right, bottom, left, color: read.color('color', TRANSPARENT)! };
});
