import { canvasFrame, context2d, type Frame } from './frame.ts';

/**
 * The canvas transform that turns stored pixels into the upright image, per EXIF orientation
 * (x' = a·x + c·y + e, y' = b·x + d·y + f), for stored size w x h.
 */
function uprightTransform(orientation: number, w: number, h: number): [number, number, number, number, number, number] {
  switch (orientation) {
    case 2:
      return [-1, 0, 0, 1, w, 0]; // mirrored
    case 3:
      return [-1, 0, 0, -1, w, h]; // upside down
    case 4:
      return [1, 0, 0, -1, 0, h]; // mirrored vertically
    case 5:
      return [0, 1, 1, 0, 0, 0]; // transposed
    case 6:
      return [0, 1, -1, 0, h, 0]; // a quarter turn clockwise
    case 7:
      return [0, -1, -1, 0, h, w]; // transversed
    case 8:
      return [0, -1, 1, 0, 0, w]; // a quarter turn counter-clockwise
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}

/**
 * Draws `image` (w x h) turned by an EXIF orientation onto a new canvas: exact pixel moves, no
 * resampling. Orientations 5 to 8 swap the sides.
 */
export function reorient(
  image: CanvasImageSource,
  width: number,
  height: number,
  orientation: number,
): OffscreenCanvas {
  const canvas = orientation >= 5 ? new OffscreenCanvas(height, width) : new OffscreenCanvas(width, height);
  const context = context2d(canvas);
  context.imageSmoothingEnabled = false;
  context.setTransform(...uprightTransform(orientation, width, height));
  context.drawImage(image, 0, 0);
  return canvas;
}

/** Stored RGBA pixels as an upright frame. */
export function uprightFrame(pixels: ImageData, orientation: number): Frame {
  const stored = new OffscreenCanvas(pixels.width, pixels.height);
  context2d(stored).putImageData(pixels, 0, 0);
  if (orientation <= 1 || orientation > 8) return canvasFrame(stored);
  const upright = reorient(stored, pixels.width, pixels.height, orientation);
  stored.width = 0;
  return canvasFrame(upright);
}

/**
 * Whether a decoded frame holds the pixels as stored, its EXIF orientation still to be applied.
 * Chromium leaves them so and says so (VideoFrame `rotation`/`flip`); Firefox (153) turns them
 * upright itself, says nothing, and fits the upright image into the desired size, stretched. A
 * frame that does not state a pending turn for a turned image is left to the full decode.
 */
export function holdsStoredPixels(image: VideoFrame, orientation: number): boolean {
  if (orientation <= 1) return true;
  const { rotation, flip } = image as { rotation?: unknown; flip?: unknown };
  return typeof rotation === 'number' && (rotation !== 0 || flip === true);
}
