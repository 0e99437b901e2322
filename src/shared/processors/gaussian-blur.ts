import { defineProcessor } from './definition.ts';

export interface GaussianBlurProcessor {
  op: 'gaussianBlur';
  radius: number;
}

export type ResolvedGaussianBlur = GaussianBlurProcessor;

/** Blurs with Pillow's Gaussian approximation (three box blurs) of standard deviation `radius` pixels (pilkit `GaussianBlur`). */
export function gaussianBlur(radius: number): GaussianBlurProcessor {
  return { op: 'gaussianBlur', radius };
}

export const gaussianBlurDefinition = defineProcessor('gaussianBlur', ['radius'], (read): ResolvedGaussianBlur => ({
  op: 'gaussianBlur',
  radius: read.number('radius', 0, 1000),
}));
