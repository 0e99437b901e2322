import { canvasFrame, context2d, ownedCanvas, readPixels } from '../frame.ts';
import type { ProcessorRun } from './types.ts';

/** ITU-R 601 luma in 16-bit fixed point, rounded: exactly Pillow's RGB -> L conversion. */
export function luma(red: number, green: number, blue: number): number {
  return (red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16;
}

/** Sets R = G = B = luma for every pixel of RGBA data, in place; alpha is kept. */
export function toGrayscale(data: Uint8ClampedArray): void {
  for (let index = 0; index < data.length; index += 4) {
    const level = luma(data[index]!, data[index + 1]!, data[index + 2]!);
    data[index] = level;
    data[index + 1] = level;
    data[index + 2] = level;
  }
}

export const runGrayscale: ProcessorRun<{ op: 'grayscale' }> = (frame) => {
  const canvas = ownedCanvas(frame);
  const pixels = readPixels(canvas);
  toGrayscale(pixels.data);
  context2d(canvas).putImageData(pixels, 0, 0);
  return canvasFrame(canvas);
};
