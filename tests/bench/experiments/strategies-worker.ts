// Candidate resampling strategies for workers/resample.ts, timed on one decoded photo in a worker.
// Used by resample-strategies.mjs; not part of `npm run bench`.
import { expose } from 'comlink';
import pica from 'pica';
import type { Rect, Size } from '../workloads.ts';

const resizer = pica({ features: ['js', 'wasm'], concurrency: 1 });

export type Strategy =
  | 'imagespec-now' // drawImage 'high' to 2x the target, getImageData, pica lanczos3, putImageData
  | 'headroom-1.25' // the same with the staging canvas at 1.25x the target
  | 'headroom-2-lanczos2' // 2x staging, pica lanczos2 (a window of 2 lobes instead of 3)
  | 'headroom-2-hamming' // 2x staging, pica hamming (1 lobe: a third of lanczos3's taps)
  | 'draw-high-unsharp' // drawImage 'high' to the target, then pica's unsharp mask on the result
  | 'draw-high' // drawImage 'high' straight to the target, no pica
  | 'draw-medium' // drawImage 'medium' straight to the target
  | 'cib-from-bitmap' // createImageBitmap(bitmap, rect, { resize*, 'high' }) then a 1:1 draw
  | 'pica-full'; // pica lanczos3 from the full-size pixels (pica in a worker)

function staged(bitmap: ImageBitmap, region: Rect, size: Size, quality: ImageSmoothingQuality): OffscreenCanvas {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.imageSmoothingQuality = quality;
  context.drawImage(bitmap, region.x, region.y, region.width, region.height, 0, 0, size.width, size.height);
  return canvas;
}

type Filter = 'lanczos3' | 'lanczos2' | 'hamming';

async function lanczosFrom(
  canvas: OffscreenCanvas,
  size: Size,
  filter: Filter = 'lanczos3',
  unsharp = false,
): Promise<OffscreenCanvas> {
  const source = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
  const pixels = await resizer.resizeBuffer({
    src: source.data,
    width: canvas.width,
    height: canvas.height,
    toWidth: size.width,
    toHeight: size.height,
    filter,
    ...(unsharp ? { unsharpAmount: 60, unsharpRadius: 0.6, unsharpThreshold: 2 } : {}),
  });
  const out = new OffscreenCanvas(size.width, size.height);
  out
    .getContext('2d')!
    .putImageData(
      new ImageData(
        new Uint8ClampedArray(pixels.buffer as ArrayBuffer, pixels.byteOffset, pixels.byteLength),
        size.width,
        size.height,
      ),
      0,
      0,
    );
  return out;
}

function headroomSize(region: Rect, size: Size, headroom: number): Size {
  const scale = Math.max((size.width * headroom) / region.width, (size.height * headroom) / region.height);
  if (scale >= 1) return { width: region.width, height: region.height };
  return { width: Math.ceil(region.width * scale), height: Math.ceil(region.height * scale) };
}

async function resample(bitmap: ImageBitmap, strategy: Strategy, region: Rect, size: Size): Promise<OffscreenCanvas> {
  switch (strategy) {
    case 'imagespec-now':
    case 'headroom-1.25': {
      const stage = headroomSize(region, size, strategy === 'imagespec-now' ? 2 : 1.25);
      return lanczosFrom(staged(bitmap, region, stage, 'high'), size);
    }
    case 'headroom-2-lanczos2':
      return lanczosFrom(staged(bitmap, region, headroomSize(region, size, 2), 'high'), size, 'lanczos2');
    case 'headroom-2-hamming':
      return lanczosFrom(staged(bitmap, region, headroomSize(region, size, 2), 'high'), size, 'hamming');
    case 'draw-high-unsharp':
      return lanczosFrom(staged(bitmap, region, size, 'high'), size, 'lanczos3', true);
    case 'draw-high':
      return staged(bitmap, region, size, 'high');
    case 'draw-medium':
      return staged(bitmap, region, size, 'medium');
    case 'cib-from-bitmap': {
      const small = await createImageBitmap(bitmap, region.x, region.y, region.width, region.height, {
        resizeWidth: size.width,
        resizeHeight: size.height,
        resizeQuality: 'high',
      });
      const canvas = new OffscreenCanvas(size.width, size.height);
      canvas.getContext('2d')!.drawImage(small, 0, 0);
      small.close();
      return canvas;
    }
    case 'pica-full': {
      const full = new OffscreenCanvas(region.width, region.height);
      full
        .getContext('2d')!
        .drawImage(bitmap, region.x, region.y, region.width, region.height, 0, 0, region.width, region.height);
      const out = new OffscreenCanvas(size.width, size.height);
      await resizer.resize(full, out, { filter: 'lanczos3' });
      full.width = 0;
      return out;
    }
  }
}

let bitmap: ImageBitmap | undefined;

const api = {
  async decode(file: Blob): Promise<{ ms: number; width: number; height: number }> {
    await resizer.init();
    bitmap?.close();
    const start = performance.now();
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { ms: performance.now() - start, width: bitmap.width, height: bitmap.height };
  },
  /** Resample and encode; the time excludes the decode (done once by decode()). */
  async run(
    strategy: Strategy,
    region: Rect,
    size: Size,
    quality: number,
  ): Promise<{ ms: number; resampleMs: number; blob: Blob }> {
    const start = performance.now();
    const canvas = await resample(bitmap!, strategy, region, size);
    // Chromium rasterises recorded draws lazily; a 1-pixel read forces it so resampleMs is honest.
    canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
    const resampleMs = performance.now() - start;
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    canvas.width = 0;
    return { ms: performance.now() - start, resampleMs, blob };
  },
};

export type StrategiesApi = typeof api;
expose(api);
