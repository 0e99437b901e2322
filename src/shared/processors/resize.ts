import { defineProcessor } from './definition.ts';

export interface ResizeProcessor {
  op: 'resize';
  width: number;
  height: number;
}

export type ResolvedResize = ResizeProcessor;

/** Resizes to exactly `width` x `height`, ignoring the aspect ratio (pilkit `Resize`). */
export function resize(width: number, height: number): ResizeProcessor {
  return { op: 'resize', width, height };
}

export const resizeDefinition = defineProcessor('resize', ['width', 'height'], (read): ResolvedResize => ({
  op: 'resize',
  width: read.side('width'),
  height: read.side('height'),
}));
