import type { Rect, Size } from '../src/shared/geometry.ts';
import { maxCanvasPixels } from './canvas-limit.ts';
import { canvasFrame, context2d, type Frame } from './frame.ts';
import { bandSource } from './resample/band-source.ts';
import { CanvasBands } from './resample/canvas-bands.ts';
import { resamplePlane } from './resample/driver.ts';
import { loadKernel } from './resample/kernel.ts';
import { KernelFrame } from './resample/kernel-frame.ts';
import { resampleKernelImage } from './resample/kernel-image.ts';
import { resampleWithPica } from './resample/pica-fallback.ts';
import { rgbaCanvas } from './resample/rgba-canvas.ts';

/**
 * Resamples `rect` of the frame to `size` with lanczos3: the SIMD kernel where it runs, pica
 * where not. A pure crop (same size) of a canvas or bitmap is a plain copy. Returns a new frame
 * the caller owns; the input frame is left as it was.
 */
export async function resample(frame: Frame, rect: Rect, size: Size): Promise<Frame> {
  if (frame instanceof KernelFrame) return resampleInKernel(frame, rect, size);
  if (rect.width === size.width && rect.height === size.height) return copyRect(frame, rect);
  const kernel = await loadKernel();
  if (!kernel) return resampleWithPica(frame, rect, size, maxCanvasPixels());

  const mark = kernel.mark();
  const bands = new CanvasBands(frame.image, rect, maxCanvasPixels());
  try {
    const rgba = kernel.allocate(size.width * size.height * 4);
    const source = bandSource(kernel, bands, rect);
    const window = (length: number, outputs: number) => ({
      start: 0,
      length,
      boundStart: 0,
      boundEnd: length,
      outputs,
    });
    resamplePlane(
      kernel,
      source,
      { x: window(rect.width, size.width), y: window(rect.height, size.height) },
      { address: rgba, ...size, orientation: 1 },
    );
    return canvasFrame(rgbaCanvas(kernel, rgba, size));
  } finally {
    bands.close();
    kernel.release(mark);
  }
}

function resampleInKernel(frame: KernelFrame, rect: Rect, size: Size): Frame {
  const { kernel } = frame;
  const mark = kernel.mark();
  try {
    const rgba = resampleKernelImage(kernel, frame.pixels, frame, rect, size);
    return canvasFrame(rgbaCanvas(kernel, rgba, size));
  } finally {
    kernel.release(mark);
  }
}

function copyRect(frame: Frame, rect: Rect): Frame {
  const canvas = new OffscreenCanvas(rect.width, rect.height);
  context2d(canvas).drawImage(frame.image, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height);
  return canvasFrame(canvas);
}

/** The whole frame as a rectangle. */
export function fullRect(frame: Frame): Rect {
  return { x: 0, y: 0, width: frame.width, height: frame.height };
}
