import { defineProcessor } from './definition.ts';
import type { FieldReader } from './field-reader.ts';

export type Side = 'top' | 'right' | 'bottom' | 'left';
const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];

export interface TrimBorderColorOptions {
  /** CSS colour to trim; by default the median colour of the outermost pixel ring. @default null */
  color?: string | null;
  /** 0 trims only the exact colour, up to 1 trims more and more similar colours. @default 0.3 */
  tolerance?: number;
  /** Which sides may be trimmed. @default ['top', 'right', 'bottom', 'left'] */
  sides?: readonly Side[];
}

export interface TrimBorderColorProcessor extends TrimBorderColorOptions {
  op: 'trimBorderColor';
}

export interface ResolvedTrimBorderColor {
  op: 'trimBorderColor';
  color: string | null;
  tolerance: number;
  sides: Side[];
}

/** Trims a border of one colour (given, or detected) from the sides of the image (pilkit `TrimBorderColor`). */
export function trimBorderColor(options: TrimBorderColorOptions = {}): TrimBorderColorProcessor {
  return { op: 'trimBorderColor', ...options };
}

function readSides(read: FieldReader): Side[] {
  const value = read.raw('sides') ?? SIDES;
  if (!Array.isArray(value) || !value.every((side) => SIDES.includes(side as Side))) {
    read.fail('sides', `must be a list of ${SIDES.join(', ')}, got ${JSON.stringify(value)}`);
  }
  // Sorted and without repeats, so the same sides give the same fingerprint.
  return SIDES.filter((side) => (value as unknown[]).includes(side));
}

export const trimBorderColorDefinition = defineProcessor(
  'trimBorderColor',
  ['color', 'tolerance', 'sides'],
  (read): ResolvedTrimBorderColor => ({
    op: 'trimBorderColor',
    color: read.color('color'),
    tolerance: read.number('tolerance', 0, 1, 0.3),
    sides: readSides(read),
  }),
);
