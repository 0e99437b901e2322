import type { Anchor } from './anchor.ts';
import { defineProcessor } from './definition.ts';
import type { FieldReader } from './field-reader.ts';
import { readPlacement, type Placement } from './resize-canvas.ts';

export interface ImageOverlayOptions {
  /** Where the overlay sits, unless `x`/`y` are given. @default 'top-left' */
  anchor?: Anchor;
  /** Left edge of the overlay in pixels (may be negative: partly outside); overrides the anchor. */
  x?: number;
  /** Top edge of the overlay in pixels (may be negative); overrides the anchor. */
  y?: number;
  /** Multiplies the overlay's own alpha, 0..1. @default 1 */
  opacity?: number;
  /** The overlay's size as a multiple of its own. @default 1 */
  scale?: number;
}

export interface ImageOverlayProcessor extends ImageOverlayOptions {
  op: 'imageOverlay';
  /** The overlay image as a `data:` URL (PNG, JPEG, WebP, GIF or AVIF, base64). */
  image: string;
}

export type ResolvedImageOverlay = {
  op: 'imageOverlay';
  image: string;
  opacity: number;
  scale: number;
} & Placement;

/** The largest overlay taken, as base64 characters: a watermark, not a photo. */
const MAX_OVERLAY_CHARS = 8 * 1024 * 1024;
const DATA_URL = /^data:image\/(png|jpeg|webp|gif|avif);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * Lays an image the site supplies (a watermark, as a `data:` URL) over the picture, alpha
 * composited as Pillow's `alpha_composite` (pilkit `ImageOverlay`). The overlay's bytes are
 * part of the spec, so of its fingerprint: another watermark is another cached variant.
 */
export function imageOverlay(image: string, options: ImageOverlayOptions = {}): ImageOverlayProcessor {
  return { op: 'imageOverlay', image, ...options };
}

function readImage(read: FieldReader): string {
  const value = read.raw('image');
  if (typeof value !== 'string' || value.length > MAX_OVERLAY_CHARS || !DATA_URL.test(value)) {
    const shown = typeof value === 'string' ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
    read.fail('image', `must be a base64 data: URL of a PNG, JPEG, WebP, GIF or AVIF image up to 8 MiB, got ${shown}`);
  }
  return value;
}

export const imageOverlayDefinition = defineProcessor(
  'imageOverlay',
  ['image', 'anchor', 'x', 'y', 'opacity', 'scale'],
  (read): ResolvedImageOverlay => ({
    op: 'imageOverlay',
    image: readImage(read),
    opacity: read.number('opacity', 0, 1, 1),
    scale: read.number('scale', 0.001, 100, 1),
    ...readPlacement(read, 'top-left'),
  }),
);
