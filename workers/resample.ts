import { lanczosHeadroom, needsAreaAveraging, preshrinkSize, type Rect, type Size } from '../src/shared/geometry.ts';
import { canvasFrame, context2d, type Frame } from './frame.ts';
import { getPica } from './pica.ts';

/**
 * Resamples `rect` of the frame to `size` with pica's lanczos3. A pure crop (same size) is a
 * plain copy. Returns a new frame the caller owns; the input frame is left as it was.
 */
export async function resample(frame: Frame, rect: Rect, size: Size): Promise<Frame> {
  const staged = preshrinkSize(rect, size, lanczosHeadroom(size));
  const staging = new OffscreenCanvas(staged.width, staged.height);
  const stagingContext = context2d(staging, true);
  stagingContext.imageSmoothingQuality = needsAreaAveraging(rect, staged) ? 'high' : 'low';
  stagingContext.drawImage(frame.image, rect.x, rect.y, rect.width, rect.height, 0, 0, staged.width, staged.height);
  if (staged.width === size.width && staged.height === size.height) return canvasFrame(staging);

  const source = stagingContext.getImageData(0, 0, staged.width, staged.height);
  staging.width = 0;
  const pixels = await getPica().resizeBuffer({
    src: source.data,
    width: staged.width,
    height: staged.height,
    toWidth: size.width,
    toHeight: size.height,
    filter: 'lanczos3',
  });
  const output = new OffscreenCanvas(size.width, size.height);
  const data = new Uint8ClampedArray(pixels.buffer as ArrayBuffer, pixels.byteOffset, pixels.byteLength);
  context2d(output).putImageData(new ImageData(data, size.width, size.height), 0, 0);
  return canvasFrame(output);
}

/** The whole frame as a rectangle. */
export function fullRect(frame: Frame): Rect {
  return { x: 0, y: 0, width: frame.width, height: frame.height };
}
