// Times the browser primitives imagespec's worker runtime calls, so the bench can say where a
// job's time goes (decode, copies, the resample kernel, encode...) without touching workers/. Loaded only by
// imagespec-anatomy-worker.ts, a bench-only worker: wrapping built-ins is tolerable here because
// this global belongs to the measurement, never to a user.
import { getPica } from '../../../workers/pica.ts';
import { loadKernel } from '../../../workers/resample/kernel.ts';

export interface Span {
  stage: string;
  ms: number;
  start: number;
  /** Pixels touched, to tell a full-size read from a thumbnail's. */
  pixels?: number;
}

export const ANATOMY_CHANNEL = 'imagespec-bench-anatomy';

const spans: Span[] = [];

function record(stage: string, start: number, pixels?: number): void {
  spans.push({ stage, start, ms: performance.now() - start, ...(pixels === undefined ? {} : { pixels }) });
}

type AnyFunction = (this: unknown, ...args: never[]) => unknown;

function wrap(owner: object, key: string, stage: string, pixelsOf?: (self: unknown, args: unknown[]) => number): void {
  const original = (owner as Record<string, AnyFunction>)[key]!;
  (owner as Record<string, unknown>)[key] = function timed(this: unknown, ...args: never[]) {
    const start = performance.now();
    const pixels = pixelsOf?.(this, args);
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(() => record(stage, start, pixels));
    record(stage, start, pixels);
    return result;
  };
}

const canvasPixels = (self: unknown) => {
  const canvas = self as OffscreenCanvasRenderingContext2D | OffscreenCanvas;
  const target = 'canvas' in canvas ? canvas.canvas : canvas;
  return target.width * target.height;
};

wrap(self, 'createImageBitmap', 'decode (createImageBitmap)');
wrap(ImageDecoder.prototype, 'decode', 'decode (ImageDecoder)');
wrap(VideoFrame.prototype, 'copyTo', 'decoded pixels into wasm memory (VideoFrame.copyTo)');
wrap(Blob.prototype, 'arrayBuffer', 'read file bytes');
// Chromium records drawImage and rasterises at the next read (getImageData) or encode, so the
// pre-shrink's real cost shows up under getImageData on the staging canvas.
wrap(OffscreenCanvasRenderingContext2D.prototype, 'drawImage', 'drawImage (recorded)', canvasPixels);
wrap(OffscreenCanvasRenderingContext2D.prototype, 'getImageData', 'getImageData (runs pending draws)', canvasPixels);
wrap(OffscreenCanvasRenderingContext2D.prototype, 'putImageData', 'putImageData', canvasPixels);
wrap(OffscreenCanvas.prototype, 'convertToBlob', 'encode (convertToBlob)', canvasPixels);

// getPica() is a per-worker singleton, so wrapping this instance times imagespec's own calls.
const pica = getPica();
wrap(pica, 'resizeBuffer', 'pica resizeBuffer (lanczos3)', (_self, args) => {
  const options = args[0] as { width: number; height: number };
  return options.width * options.height;
});

// The kernel is a per-worker singleton too: its passes, summed over every row.
const kernel = await loadKernel();
if (kernel) {
  for (const name of ['horizontal4', 'horizontal4Wide', 'horizontal1'] as const)
    wrap(kernel.exports, name, 'resample kernel: horizontal passes (wasm SIMD)');
  for (const name of ['vertical', 'place'] as const)
    wrap(kernel.exports, name, 'resample kernel: vertical passes and placing (wasm SIMD)');
  wrap(kernel.exports, 'yuvToRgba', 'resample kernel: YCbCr to RGBA (wasm SIMD)');
}

// The page asks for the spans after each job; answering resets them.
const channel = new BroadcastChannel(ANATOMY_CHANNEL);
channel.onmessage = (event: MessageEvent) => {
  if (event.data === 'flush') channel.postMessage({ spans: spans.splice(0) });
};
