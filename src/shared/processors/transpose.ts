import { defineProcessor } from './definition.ts';

/** Clockwise rotations (as CSS `rotate()`) and mirror flips. */
export type TransposeOperation = 'rotate90' | 'rotate180' | 'rotate270' | 'flipHorizontal' | 'flipVertical';

const OPERATIONS: readonly TransposeOperation[] = [
  'rotate90',
  'rotate180',
  'rotate270',
  'flipHorizontal',
  'flipVertical',
];

export interface TransposeProcessor {
  op: 'transpose';
  operation: TransposeOperation;
}

export type ResolvedTranspose = TransposeProcessor;

/** Rotates by a quarter turn (clockwise) or mirrors the image (pilkit `Transpose`). */
export function transpose(operation: TransposeOperation): TransposeProcessor {
  return { op: 'transpose', operation };
}

export const transposeDefinition = defineProcessor('transpose', ['operation'], (read): ResolvedTranspose => ({
  op: 'transpose',
  operation: read.oneOf('operation', OPERATIONS),
}));
