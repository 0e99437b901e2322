import type { Size } from '../../src/shared/geometry.ts';
import type { Frame } from '../frame.ts';
import type { Kernel } from './kernel.ts';
import { resampleKernelImage, type KernelImage } from './kernel-image.ts';
import { rgbaCanvas } from './rgba-canvas.ts';

/**
 * A decoded image held in the kernel's memory: resamples read it there with no canvas in between.
 * Like every decoded frame it is shared by the file's specs and never written to. `width` and
 * `height` are the full upright size even when the pixels were decoded smaller.
 */
export class KernelFrame implements Frame {
  readonly owned = false;
  readonly width: number;
  readonly height: number;
  readonly kernel: Kernel;
  readonly pixels: KernelImage;
  readonly #mark: number;
  #canvas: OffscreenCanvas | undefined;

  /** `mark` is the kernel's mark from before the pixels were allocated: `release` gives it back. */
  constructor(kernel: Kernel, pixels: KernelImage, full: Size, mark: number) {
    this.kernel = kernel;
    this.pixels = pixels;
    this.width = full.width;
    this.height = full.height;
    this.#mark = mark;
  }

  /**
   * The whole upright image on a canvas, made on first use: only for a processor that draws from
   * the decoded image itself (the decode plan holds pixels in the kernel only when every spec
   * starts with a resize, so this is rare).
   */
  get image(): OffscreenCanvas {
    if (!this.#canvas) {
      const size = { width: this.width, height: this.height };
      const mark = this.kernel.mark();
      try {
        const rgba = resampleKernelImage(this.kernel, this.pixels, size, { x: 0, y: 0, ...size }, size);
        this.#canvas = rgbaCanvas(this.kernel, rgba, size);
      } finally {
        this.kernel.release(mark);
      }
    }
    return this.#canvas;
  }

  release(): void {
    if (this.#canvas) this.#canvas.width = 0;
    this.kernel.release(this.#mark);
  }
}
