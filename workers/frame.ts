/**
 * The image as it moves through one spec's processors. The decoded bitmap is shared by every
 * spec of a file and never written to; a canvas a processor made is the spec's own.
 */
export interface Frame {
  image: ImageBitmap | OffscreenCanvas;
  width: number;
  height: number;
  /** True when this spec may draw on `image` in place and must release it. */
  owned: boolean;
}

/** The pixels every spec of a file starts from, and the image's real size. */
export interface DecodedImage {
  /** The whole image, upright; it may hold fewer pixels than `width` x `height` (a reduced-scale decode). */
  frame: Frame;
  /** The image's full size after EXIF orientation. */
  width: number;
  height: number;
  /** Frees the decoded pixels, once every spec is done with them. */
  release(): void;
}

export function canvasFrame(canvas: OffscreenCanvas): Frame {
  return { image: canvas, width: canvas.width, height: canvas.height, owned: true };
}

export function context2d(canvas: OffscreenCanvas, willReadFrequently = false): OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d', { willReadFrequently });
  if (!context) throw new Error('OffscreenCanvas 2D context unavailable');
  return context;
}

/** A canvas this spec may draw on: the frame's own, or a copy of the shared bitmap. */
export function ownedCanvas(frame: Frame): OffscreenCanvas {
  if (frame.owned && frame.image instanceof OffscreenCanvas) return frame.image;
  const canvas = new OffscreenCanvas(frame.width, frame.height);
  context2d(canvas).drawImage(frame.image, 0, 0);
  return canvas;
}

/** Frees a frame's pixels now rather than at the next garbage collection. */
export function releaseFrame(frame: Frame): void {
  if (!frame.owned) return;
  if (frame.image instanceof OffscreenCanvas) {
    frame.image.width = 0;
    frame.image.height = 0;
  } else {
    frame.image.close();
  }
}

/** Reads the pixels of a canvas (un-premultiplied RGBA). */
export function readPixels(canvas: OffscreenCanvas): ImageData {
  return context2d(canvas, true).getImageData(0, 0, canvas.width, canvas.height);
}
