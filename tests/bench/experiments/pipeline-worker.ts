// Whole decode + resample + encode pipelines for one fitted output (orientation-1 photos only:
// the ImageDecoder paths here do not apply EXIF orientation). Used by pipelines.mjs.
import { expose } from 'comlink';
import pica from 'pica';
import type { Size } from '../workloads.ts';

const resizer = pica({ features: ['js', 'wasm'], concurrency: 1 });

export type Pipeline =
  | 'bitmap + imagespec today' // createImageBitmap, drawImage 'high' to 2x, pica lanczos3
  | 'bitmap + drawImage high' // createImageBitmap, drawImage 'high' to the target
  | 'scaled decode + drawImage high' // ImageDecoder at the smallest 1/2, 1/4, 1/8 still >= the target, drawImage 'high'
  | 'scaled decode + lanczos3'; // the same decode, then pica lanczos3 to the target

/** The largest JPEG DCT scaling divisor (8, 4, 2) that keeps the decoded image at least the target's size. */
function divisorFor(stored: Size, size: Size): number {
  return (
    [8, 4, 2].find(
      (divisor) =>
        Math.floor(stored.width / divisor) >= size.width && Math.floor(stored.height / divisor) >= size.height,
    ) ?? 1
  );
}

async function decodeScaled(file: Blob, stored: Size, divisor: number): Promise<OffscreenCanvas> {
  const decoder = new ImageDecoder({
    data: file.stream(),
    type: 'image/jpeg',
    desiredWidth: Math.ceil(stored.width / divisor),
    desiredHeight: Math.ceil(stored.height / divisor),
  });
  const { image } = await decoder.decode();
  const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight);
  canvas.getContext('2d', { willReadFrequently: true })!.drawImage(image, 0, 0);
  image.close();
  decoder.close();
  return canvas;
}

async function lanczos(source: OffscreenCanvas | ImageBitmap, size: Size): Promise<OffscreenCanvas> {
  let canvas = source as OffscreenCanvas;
  if (!(source instanceof OffscreenCanvas)) {
    canvas = new OffscreenCanvas(source.width, source.height);
    canvas.getContext('2d', { willReadFrequently: true })!.drawImage(source, 0, 0);
  }
  const pixels = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
  const out = await resizer.resizeBuffer({
    src: pixels.data,
    width: canvas.width,
    height: canvas.height,
    toWidth: size.width,
    toHeight: size.height,
    filter: 'lanczos3',
  });
  const result = new OffscreenCanvas(size.width, size.height);
  result
    .getContext('2d')!
    .putImageData(
      new ImageData(
        new Uint8ClampedArray(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength),
        size.width,
        size.height,
      ),
      0,
      0,
    );
  return result;
}

function drawHigh(source: CanvasImageSource & Size, size: Size): OffscreenCanvas {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d')!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, size.width, size.height);
  return canvas;
}

function stagedTwice(bitmap: ImageBitmap, size: Size): OffscreenCanvas {
  const scale = Math.min(1, Math.max((size.width * 2) / bitmap.width, (size.height * 2) / bitmap.height));
  return drawHigh(bitmap, { width: Math.ceil(bitmap.width * scale), height: Math.ceil(bitmap.height * scale) });
}

const api = {
  async init() {
    await resizer.init();
  },
  async run(
    file: Blob,
    pipeline: Pipeline,
    stored: Size,
    size: Size,
  ): Promise<{ ms: number; blob: Blob; decodedWidth: number }> {
    const start = performance.now();
    let out: OffscreenCanvas;
    let decodedWidth: number;
    if (pipeline.startsWith('bitmap')) {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      decodedWidth = bitmap.width;
      out =
        pipeline === 'bitmap + drawImage high'
          ? drawHigh(bitmap, size)
          : await lanczos(stagedTwice(bitmap, size), size);
      bitmap.close();
    } else {
      const decoded = await decodeScaled(file, stored, divisorFor(stored, size));
      decodedWidth = decoded.width;
      out = pipeline === 'scaled decode + drawImage high' ? drawHigh(decoded, size) : await lanczos(decoded, size);
      decoded.width = 0;
    }
    const blob = await out.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    return { ms: performance.now() - start, blob, decodedWidth };
  },
};

export type PipelineApi = typeof api;
expose(api);
