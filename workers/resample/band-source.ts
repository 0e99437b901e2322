import type { Rect } from '../../src/shared/geometry.ts';
import type { CanvasBands } from './canvas-bands.ts';
import type { PlaneSource } from './driver.ts';
import type { Kernel } from './kernel.ts';

/** A region of a canvas or bitmap as a plane the kernel streams, one band in its memory at a time. */
export function bandSource(kernel: Kernel, bands: CanvasBands, rect: Rect): PlaneSource {
  const stride = rect.width * 4;
  const buffer = kernel.allocate(bands.rows * stride);
  let bandStart = 0;
  let bandEnd = 0;
  return {
    width: rect.width,
    height: rect.height,
    channels: 4,
    order: 'rgba',
    alpha: 'straight',
    row(y) {
      if (y < bandStart || y >= bandEnd) {
        const pixels = bands.read(y);
        kernel.bytes(buffer, pixels.data.length).set(pixels.data);
        bandStart = y;
        bandEnd = y + pixels.height;
      }
      return buffer + (y - bandStart) * stride;
    },
  };
}
