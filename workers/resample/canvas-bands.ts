import type { Rect } from '../../src/shared/geometry.ts';
import { context2d } from '../frame.ts';

/** Pixels read per band: a few megabytes, whatever the image's size. */
const BAND_PIXELS = 1 << 20;

/**
 * Reads `rect` of a canvas or bitmap a band of rows at a time, through a canvas of at most
 * `maxCanvasPixels` (and about a megapixel), so that no canvas the size of the image is made:
 * browsers cap canvas sizes (iOS Safari at 16.7 MP) and a bigger one fails or comes out blank.
 * Calls `take(y, pixels)` with straight RGBA rows starting at row `y` of the rect.
 */
export class CanvasBands {
  readonly rows: number;
  readonly #image: CanvasImageSource;
  readonly #rect: Rect;
  readonly #canvas: OffscreenCanvas;
  readonly #context: OffscreenCanvasRenderingContext2D;

  constructor(image: CanvasImageSource, rect: Rect, maxCanvasPixels: number) {
    this.#image = image;
    this.#rect = rect;
    const fitting = Math.floor(Math.min(maxCanvasPixels, BAND_PIXELS) / rect.width);
    this.rows = Math.max(1, Math.min(rect.height, fitting));
    this.#canvas = new OffscreenCanvas(rect.width, this.rows);
    this.#context = context2d(this.#canvas, true);
    // Replace, never blend with the band before: transparent pixels must stay transparent.
    this.#context.globalCompositeOperation = 'copy';
  }

  /** Rows `y` to `y + rows` (fewer at the end) of the rect as straight RGBA. */
  read(y: number): ImageData {
    const { x, y: top, width, height } = this.#rect;
    const rows = Math.min(this.rows, height - y);
    this.#context.drawImage(this.#image, x, top + y, width, rows, 0, 0, width, rows);
    return this.#context.getImageData(0, 0, width, rows);
  }

  /** Every band in order. */
  readAll(take: (y: number, pixels: ImageData) => void): void {
    for (let y = 0; y < this.#rect.height; y += this.rows) take(y, this.read(y));
  }

  close(): void {
    this.#canvas.width = 0;
    this.#canvas.height = 0;
  }
}
