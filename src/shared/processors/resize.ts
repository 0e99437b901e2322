import { defineProcessor } from './definition.ts';

export interface ResizeOptions {
  /** Enlarge the image when the target is not smaller on both sides. @default true */
  upscale?: boolean;
}

export interface ResizeProcessor extends ResizeOptions {
  op: 'resize';
  width: number;
  height: number;
}

export interface ResolvedResize {
  op: 'resize';
  width: number;
  height: number;
  upscale: boolean;
}

/**
 * Resizes to exactly `width` x `height`, ignoring the aspect ratio (pilkit `Resize`). Without
 * `upscale`, an image is resized only when the target is smaller on both sides.
 */
export function resize(width: number, height: number, options: ResizeOptions = {}): ResizeProcessor {
  return { op: 'resize', width, height, ...options };
}

export const resizeDefinition = defineProcessor('resize', ['width', 'height', 'upscale'], (read): ResolvedResize => ({
  op: 'resize',
  width: read.side('width'),
  height: read.side('height'),
  upscale: read.boolean('upscale', true),
}));
