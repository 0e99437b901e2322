import type { Rect, Size } from '../../src/shared/geometry.ts';
import { canvasFrame, context2d, type Frame } from '../frame.ts';
import { getPica } from '../pica.ts';
import { CanvasBands } from './canvas-bands.ts';

/**
 * pica's lanczos3 from the region's own pixels: where the SIMD kernel cannot run (no wasm SIMD,
 * or a CSP without 'wasm-unsafe-eval', where pica falls back to plain JavaScript). Slower, same
 * filter, and no canvas larger than `maxCanvasPixels`.
 */
export async function resampleWithPica(frame: Frame, rect: Rect, size: Size, maxCanvasPixels: number): Promise<Frame> {
  const source = new Uint8ClampedArray(rect.width * rect.height * 4);
  const bands = new CanvasBands(frame.image, rect, maxCanvasPixels);
  try {
    bands.readAll((y, pixels) => source.set(pixels.data, y * rect.width * 4));
  } finally {
    bands.close();
  }
  const pixels = await getPica().resizeBuffer({
    src: source,
    width: rect.width,
    height: rect.height,
    toWidth: size.width,
    toHeight: size.height,
    filter: 'lanczos3',
  });
  const output = new OffscreenCanvas(size.width, size.height);
  const data = new Uint8ClampedArray(pixels.buffer as ArrayBuffer, pixels.byteOffset, pixels.byteLength);
  context2d(output).putImageData(new ImageData(data, size.width, size.height), 0, 0);
  return canvasFrame(output);
}
