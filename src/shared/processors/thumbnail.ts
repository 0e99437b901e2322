import type { Anchor } from './anchor.ts';
import { defineProcessor } from './definition.ts';
import type { ResolvedResizeToFill } from './resize-to-fill.ts';
import type { ResolvedResizeToFit } from './resize-to-fit.ts';
import type { ResolvedSmartResize } from './smart-resize.ts';

export interface ThumbnailOptions {
  /**
   * Where to crop: a named or relative anchor, or `'auto'` for the most detailed part
   * (`smartResize`). Giving one implies `crop`. @default 'auto' when cropping
   */
  anchor?: Anchor | 'auto';
  /** Crop to exactly the box (`resizeToFill`/`smartResize`) or fit inside it (`resizeToFit`). @default true when both sides are given */
  crop?: boolean;
  /** Enlarge images smaller than the box (pilkit passes its `None` on, which does not). @default false */
  upscale?: boolean;
}

export interface ThumbnailProcessor extends ThumbnailOptions {
  op: 'thumbnail';
  width: number | null;
  height: number | null;
}

/**
 * pilkit's `Thumbnail`: crops to the box when both sides are given (at `anchor`, or by detail
 * with `'auto'`), fits inside it otherwise. Resolves to the processor it wraps.
 */
export function thumbnail(
  width: number | null,
  height: number | null,
  options: ThumbnailOptions = {},
): ThumbnailProcessor {
  return { op: 'thumbnail', width, height, ...options };
}

export const thumbnailDefinition = defineProcessor(
  'thumbnail',
  ['width', 'height', 'anchor', 'crop', 'upscale'],
  (read): ResolvedResizeToFit | ResolvedResizeToFill | ResolvedSmartResize => {
    const width = read.optionalSide('width');
    const height = read.optionalSide('height');
    const upscale = read.boolean('upscale', false);
    const anchorGiven = read.raw('anchor') !== undefined && read.raw('anchor') !== null;
    const cropGiven = read.raw('crop');
    if (anchorGiven && cropGiven === false) read.fail('anchor', 'cannot be given when crop is false');
    const crop = anchorGiven || read.boolean('crop', width !== null && height !== null);
    if (!crop) {
      if (width === null && height === null) read.fail('width', 'or height must be given');
      return { op: 'resizeToFit', width, height, upscale, matColor: null, anchor: { x: 0.5, y: 0.5 } };
    }
    if (width === null || height === null) return read.fail('width', 'and height must both be given when cropping');
    if (read.raw('anchor') === 'auto' || !anchorGiven) return { op: 'smartResize', width, height, upscale };
    return { op: 'resizeToFill', width, height, anchor: read.anchor(), upscale };
  },
);
