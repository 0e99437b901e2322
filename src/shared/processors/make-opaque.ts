import { defineProcessor } from './definition.ts';

export interface MakeOpaqueProcessor {
  op: 'makeOpaque';
  /** CSS colour the image is laid on. @default '#ffffff' */
  color?: string;
}

export interface ResolvedMakeOpaque {
  op: 'makeOpaque';
  color: string;
}

/** Lays the image on a solid `color`, so every pixel is opaque (pilkit `MakeOpaque`). */
export function makeOpaque(color = '#ffffff'): MakeOpaqueProcessor {
  return { op: 'makeOpaque', color };
}

export const makeOpaqueDefinition = defineProcessor('makeOpaque', ['color'], (read): ResolvedMakeOpaque => ({
  op: 'makeOpaque',
  color: read.color('color', '#ffffff')!,
}));
