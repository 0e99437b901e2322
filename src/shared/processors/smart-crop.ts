import { defineProcessor } from './definition.ts';

export interface SmartCropProcessor {
  op: 'smartCrop';
  width: number;
  height: number;
}

export type ResolvedSmartCrop = SmartCropProcessor;

/**
 * Crops to `width` x `height` (never enlarging), whittling away the edge strips with the least
 * entropy, so the detailed part of the image stays (pilkit `SmartCrop`).
 */
export function smartCrop(width: number, height: number): SmartCropProcessor {
  return { op: 'smartCrop', width, height };
}

export const smartCropDefinition = defineProcessor('smartCrop', ['width', 'height'], (read): ResolvedSmartCrop => ({
  op: 'smartCrop',
  width: read.side('width'),
  height: read.side('height'),
}));
