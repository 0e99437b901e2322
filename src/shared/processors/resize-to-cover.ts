import { defineProcessor } from './definition.ts';

export interface ResizeToCoverOptions {
  /** Enlarge images smaller than the box. @default true */
  upscale?: boolean;
}

export interface ResizeToCoverProcessor extends ResizeToCoverOptions {
  op: 'resizeToCover';
  width: number;
  height: number;
}

export interface ResolvedResizeToCover {
  op: 'resizeToCover';
  width: number;
  height: number;
  upscale: boolean;
}

/** Scales, keeping the aspect ratio, to the smallest size that covers `width` x `height` (pilkit `ResizeToCover`). */
export function resizeToCover(
  width: number,
  height: number,
  options: ResizeToCoverOptions = {},
): ResizeToCoverProcessor {
  return { op: 'resizeToCover', width, height, ...options };
}

export const resizeToCoverDefinition = defineProcessor(
  'resizeToCover',
  ['width', 'height', 'upscale'],
  (read): ResolvedResizeToCover => ({
    op: 'resizeToCover',
    width: read.side('width'),
    height: read.side('height'),
    upscale: read.boolean('upscale', true),
  }),
);
