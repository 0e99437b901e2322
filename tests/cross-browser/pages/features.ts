// The page side of the feature-detection cases: what this engine has, and processImage in
// workers that lack a feature, as older browsers do.
import * as imagespec from '../../../src/index.ts';
import type { Specs } from '../../../src/index.ts';

const WORKERS = {
  'without-image-decoder': () =>
    new Worker(new URL('./worker-without-image-decoder.ts', import.meta.url), { type: 'module' }),
  'without-offscreen-canvas': () =>
    new Worker(new URL('./worker-without-offscreen-canvas.ts', import.meta.url), { type: 'module' }),
};

/** The features imagespec looks for, as this engine has them. */
async function engineFeatures() {
  const encodes = async (type: string) => {
    const canvas = new OffscreenCanvas(1, 1);
    canvas.getContext('2d');
    return (await canvas.convertToBlob({ type }).catch(() => null))?.type === type;
  };
  return {
    imageDecoder: typeof ImageDecoder === 'function',
    storage: typeof navigator.storage?.estimate === 'function',
    locks: 'locks' in navigator,
    offscreenCanvas: typeof OffscreenCanvas === 'function',
    encodesWebp: await encodes('image/webp'),
  };
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** processImage on the file at `url`, in the given worker (the built-in one when absent), without a cache. */
async function run(url: string, specs: Specs, worker?: keyof typeof WORKERS) {
  const file = new File([await (await fetch(url)).blob()], 'input');
  const pool = imagespec.createWorkerPool(worker ? { createWorker: WORKERS[worker] } : {});
  const stages: string[] = [];
  try {
    const result = await imagespec.processImage(file, specs, {
      pool,
      cache: false,
      onProgress: ({ stage }) => stages.push(stage),
    });
    const variants: Record<
      string,
      { type: string; width: number; height: number; quality: number | null; base64: string }
    > = {};
    for (const [name, { type, width, height, quality, blob }] of Object.entries(result.variants))
      variants[name] = { type, width, height, quality: quality ?? null, base64: await toBase64(blob) };
    return { ok: true as const, variants };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { ok: false as const, code: String(code), message: String(message), stages };
  } finally {
    pool.terminate();
  }
}

/** The cache's usage, where `persist` asks for persistent storage: the budget it chose and the answer. */
async function cacheBudget() {
  let answered: (event: imagespec.CacheEvent) => void = () => {};
  // The persistence answer arrives as an event, once the database is open.
  const persisted = new Promise<imagespec.CacheEvent>((resolve) => (answered = resolve));
  const cache = imagespec.openCache({
    databaseName: `budget-${Date.now()}`,
    persist: true,
    onEvent: (event) => {
      if (event.type === 'persisted') answered(event);
    },
  });
  const usage = await cache.usage();
  const quota = (await navigator.storage?.estimate?.())?.quota ?? null;
  const answer = await persisted;
  cache.close();
  return { budget: usage.budget, quota, persisted: answer };
}

const features = { engineFeatures, run, cacheBudget };

declare global {
  interface Window {
    features: typeof features;
  }
}
window.features = features;
document.body.dataset['ready'] = 'true';
