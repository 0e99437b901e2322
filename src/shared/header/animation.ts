// Whether a file holds more than one frame. A decoded animation is its first frame only, so an
// animated source is never a stand-in for a variant (see `keepSmallerSource`).
import { fits, latin1 } from './bytes.ts';
import { pngChunks } from './png.ts';
import type { SourceFormat } from './types.ts';

/** The VP8X flag for an animated WebP. */
const WEBP_ANIMATION_FLAG = 0x02;

/**
 * True for an animated PNG (an `acTL` chunk before the image data) or WebP (the VP8X animation
 * flag): the formats a variant can also have that animate.
 */
export function isAnimated(bytes: Uint8Array, format: SourceFormat): boolean {
  switch (format) {
    case 'image/webp':
      return latin1(bytes, 12, 4) === 'VP8X' && fits(bytes, 20, 1) && (bytes[20]! & WEBP_ANIMATION_FLAG) !== 0;
    case 'image/png':
      for (const { type } of pngChunks(bytes)) {
        if (type === 'acTL') return true;
        if (type === 'IDAT') return false;
      }
      return false;
    default:
      return false;
  }
}
