// The placeholder a spec may ask for: a ThumbHash of its output, computed from the canvas about to
// be encoded (a small downscale of pixels already at hand, never a second decode).
import { rgbaToThumbHash, thumbHashToDataURL } from 'thumbhash';
import type { Placeholder } from '../src/shared/variant.ts';
import { context2d } from './frame.ts';

/** ThumbHash encodes images of at most 100 pixels a side. */
const THUMBHASH_MAX_SIDE = 100;

/** The ThumbHash of an image (and its rendering as a PNG data URL). */
export function thumbhashPlaceholder(image: OffscreenCanvas): Placeholder {
  const scale = Math.min(1, THUMBHASH_MAX_SIDE / Math.max(image.width, image.height));
  const small = new OffscreenCanvas(
    Math.max(1, Math.round(image.width * scale)),
    Math.max(1, Math.round(image.height * scale)),
  );
  const context = context2d(small, true);
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, small.width, small.height);
  const { data } = context.getImageData(0, 0, small.width, small.height);
  const hash = rgbaToThumbHash(small.width, small.height, data);
  small.width = 0;
  return { thumbhash: btoa(String.fromCharCode(...hash)), dataUrl: thumbHashToDataURL(hash) };
}
