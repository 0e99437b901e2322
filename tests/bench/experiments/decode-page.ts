// Page side of decode-paths.mjs: worker decodes, and the main-thread <img> route compressorjs takes.
import { wrap } from 'comlink';
import type { DecodeApi, DecodePath } from './decode-worker.ts';

const remote = wrap<DecodeApi>(new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' }));
let file: File | undefined;

async function load(url: string): Promise<void> {
  file = new File([await (await fetch(url)).blob()], 'photo.jpg', { type: 'image/jpeg' });
}

/** `full`: the stored (not oriented) size, which the half-size requests are made from. */
function decodeInWorker(path: DecodePath, full: { width: number; height: number }) {
  return remote.decode(file!, path, full);
}

/** An <img> drawn straight onto a 2048 canvas: Chromium may decode a JPEG at 1/2, 1/4 or 1/8 scale for it. */
async function imgToCanvas(longSide: number) {
  const start = performance.now();
  const url = URL.createObjectURL(file!);
  const image = new Image();
  image.src = url;
  await new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = reject;
  });
  const scale = longSide / Math.max(image.naturalWidth, image.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(image.naturalWidth * scale);
  canvas.height = Math.round(image.naturalHeight * scale);
  const context = canvas.getContext('2d')!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  context.getImageData(0, 0, 1, 1);
  URL.revokeObjectURL(url);
  return { ms: performance.now() - start, width: canvas.width, height: canvas.height };
}

declare global {
  interface Window {
    decodes: { load: typeof load; decodeInWorker: typeof decodeInWorker; imgToCanvas: typeof imgToCanvas };
  }
}
window.decodes = { load, decodeInWorker, imgToCanvas };
document.body.dataset['ready'] = 'true';
