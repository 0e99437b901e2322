// django-imagekit's classic example, the one the README, the demo and the tests all reproduce.
import { adjust, custom, resizeToFill, type Specs } from '../src/index.ts';

export const EXAMPLE_SPECS = {
  /** Generated eagerly (ImageKit's `pre_cache = True`). */
  thumbnail: {
    processors: [resizeToFill(100, 75), adjust({ contrast: 1.2, sharpness: 1.1 })],
    format: 'image/jpeg',
    quality: 0.85,
  },
  /** Made black and white by a custom processor, registered in demo/worker.ts. */
  display: { processors: [resizeToFill(200, 400), custom('toBW')] },
  /** The file as the user chose it, byte for byte. */
  original: { original: true },
} as const satisfies Specs;

/**
 * What the gallery makes of each photo: the example, but the original goes up without its GPS
 * position (removed losslessly: the picture itself is untouched). Private by default.
 */
export const GALLERY_SPECS = {
  ...EXAMPLE_SPECS,
  original: { original: { stripMetadata: 'gps' } },
} as const satisfies Specs;
