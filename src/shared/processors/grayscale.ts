import { defineProcessor } from './definition.ts';

export interface GrayscaleProcessor {
  op: 'grayscale';
}

export type ResolvedGrayscale = GrayscaleProcessor;

/** Converts to grey with ITU-R 601 luma weights (Pillow's `convert('L')`), keeping alpha. */
export function grayscale(): GrayscaleProcessor {
  return { op: 'grayscale' };
}

export const grayscaleDefinition = defineProcessor('grayscale', [], (): ResolvedGrayscale => ({ op: 'grayscale' }));
