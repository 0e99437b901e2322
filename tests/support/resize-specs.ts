// The resizes the resampling tests make: a fill of each shape, two fits and a stretch, as PNG so
// that JPEG loss does not hide the resampling.
import { resize, resizeToFill, resizeToFit } from '../../src/index.ts';

export const RESIZE_SPECS = {
  thumbnail: { processors: [resizeToFill(100, 75)], format: 'image/png' },
  display: { processors: [resizeToFill(200, 400)], format: 'image/png' },
  web: { processors: [resizeToFit(1024, 1024)], format: 'image/png' },
  large: { processors: [resizeToFit(2048, 2048)], format: 'image/png' },
  stretched: { processors: [resize(333, 222)], format: 'image/png' },
} as const;
