// What the pixel processors share: their pixels in and out of a canvas, CSS colours as numbers,
// and Pillow's rounded division by 255.
import { canvasFrame, context2d, ownedCanvas, readPixels, type Frame } from '../frame.ts';

/** Runs `change` on the frame's un-premultiplied RGBA pixels (in place, or returning new ones). */
export function mapPixels(frame: Frame, change: (pixels: ImageData) => ImageData | void): Frame {
  const canvas = ownedCanvas(frame);
  const pixels = readPixels(canvas);
  const changed = change(pixels) ?? pixels;
  if (changed.width !== canvas.width || changed.height !== canvas.height) {
    canvas.width = changed.width;
    canvas.height = changed.height;
  }
  context2d(canvas).putImageData(changed, 0, 0);
  return canvasFrame(canvas);
}

export type Rgba = [number, number, number, number];

let probe: OffscreenCanvasRenderingContext2D | undefined;

/**
 * A CSS colour as RGBA 0..255, read from the canvas's own normalised `fillStyle` text (reading a
 * painted pixel back would lose the colour of a transparent one to premultiplication).
 */
export function parseColor(css: string): Rgba {
  probe ??= context2d(new OffscreenCanvas(1, 1));
  probe.fillStyle = '#000000';
  probe.fillStyle = css;
  const normal = String(probe.fillStyle);
  if (normal.startsWith('#')) {
    const value = Number.parseInt(normal.slice(1, 7), 16);
    return [(value >> 16) & 255, (value >> 8) & 255, value & 255, 255];
  }
  const [r = 0, g = 0, b = 0, a = 1] = (normal.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b, Math.round(a * 255)];
}

/** Pillow's `DIV255`: `value / 255` rounded, for `value` up to 255 * 255. */
export function div255(value: number): number {
  const biased = value + 128;
  return ((biased >> 8) + biased) >> 8;
}

/** Copies a box of the frame into a canvas of its own: an exact crop, no resampling. */
export function cropFrame(frame: Frame, x: number, y: number, width: number, height: number): Frame {
  if (x === 0 && y === 0 && width === frame.width && height === frame.height) return frame;
  const canvas = new OffscreenCanvas(width, height);
  context2d(canvas).drawImage(frame.image, x, y, width, height, 0, 0, width, height);
  return canvasFrame(canvas);
}
