import type { Size } from '../../src/shared/geometry.ts';
import { context2d } from '../frame.ts';
import type { Kernel } from './kernel.ts';

/** A new canvas holding `size` RGBA pixels from the kernel's memory at `address` (copied). */
export function rgbaCanvas(kernel: Kernel, address: number, size: Size): OffscreenCanvas {
  const data = new Uint8ClampedArray(kernel.exports.memory.buffer, address, size.width * size.height * 4);
  const canvas = new OffscreenCanvas(size.width, size.height);
  context2d(canvas).putImageData(new ImageData(data, size.width, size.height), 0, 0);
  return canvas;
}
