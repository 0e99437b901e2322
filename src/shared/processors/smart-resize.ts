import { defineProcessor } from './definition.ts';

export interface SmartResizeOptions {
  /** Enlarge images smaller than the box. @default true */
  upscale?: boolean;
}

export interface SmartResizeProcessor extends SmartResizeOptions {
  op: 'smartResize';
  width: number;
  height: number;
}

export interface ResolvedSmartResize {
  op: 'smartResize';
  width: number;
  height: number;
  upscale: boolean;
}

/** `resizeToFill` that keeps the most detailed part instead of an anchor: cover, then `smartCrop` (pilkit `SmartResize`). */
export function smartResize(width: number, height: number, options: SmartResizeOptions = {}): SmartResizeProcessor {
  return { op: 'smartResize', width, height, ...options };
}

export const smartResizeDefinition = defineProcessor(
  'smartResize',
  ['width', 'height', 'upscale'],
  (read): ResolvedSmartResize => ({
    op: 'smartResize',
    width: read.side('width'),
    height: read.side('height'),
    upscale: read.boolean('upscale', true),
  }),
);
