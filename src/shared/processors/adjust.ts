import { defineProcessor } from './definition.ts';

export interface AdjustOptions {
  /** Saturation, Pillow `ImageEnhance.Color`: 0 grey, 1 unchanged. @default 1 */
  color?: number;
  /** Pillow `ImageEnhance.Brightness`: 0 black, 1 unchanged. @default 1 */
  brightness?: number;
  /** Pillow `ImageEnhance.Contrast`: 0 flat grey at the mean luma, 1 unchanged. @default 1 */
  contrast?: number;
  /** Pillow `ImageEnhance.Sharpness`: 0 smoothed, 1 unchanged, 2 sharpened. @default 1 */
  sharpness?: number;
}

export interface AdjustProcessor extends AdjustOptions {
  op: 'adjust';
}

export interface ResolvedAdjust {
  op: 'adjust';
  color: number;
  brightness: number;
  contrast: number;
  sharpness: number;
}

/** pilkit's `Adjust`: Pillow's ImageEnhance factors, applied in the order color, brightness, contrast, sharpness. */
export function adjust(options: AdjustOptions): AdjustProcessor {
  return { op: 'adjust', ...options };
}

export const adjustDefinition = defineProcessor(
  'adjust',
  ['color', 'brightness', 'contrast', 'sharpness'],
  (read): ResolvedAdjust => ({
    op: 'adjust',
    color: read.factor('color'),
    brightness: read.factor('brightness'),
    contrast: read.factor('contrast'),
    sharpness: read.factor('sharpness'),
  }),
);
