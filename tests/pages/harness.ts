// The page side of the tests: turns inputs served by the test into Files, runs imagespec, and
// hands results back as plain data (base64 bytes) the Node side can decode with sharp.
import * as imagespec from '../../src/index.ts';
import type { ProcessOptions, Specs } from '../../src/index.ts';

/** A variant as plain data: its blob as base64. */
export type PageVariant = Omit<imagespec.Variant, 'blob' | 'fromCache'> & { base64: string };

/** A responsive set as plain data: its srcset with object URLs, and with each version's name as its URL. */
export interface PageResponsive {
  versions: string[];
  widths: number[];
  srcset: string;
  namedSrcset: string;
}

export type PageOutcome =
  | {
      ok: true;
      source: imagespec.SourceImage;
      variants: Record<string, PageVariant>;
      responsive: Record<string, PageResponsive>;
      ms: number;
      stages: string[];
    }
  | {
      ok: false;
      error: { name: string; code?: string; message: string; isImageSpecError: boolean };
      ms: number;
      /** The progress stages reported before the failure. */
      stages: string[];
    };

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const pools: Record<string, imagespec.WorkerPool> = {};

/** A pool running the test worker with the example's custom processors. */
function customPool(): imagespec.WorkerPool {
  pools['custom'] ??= imagespec.createWorkerPool({
    createWorker: () => new Worker(new URL('./custom-worker.ts', import.meta.url), { type: 'module' }),
  });
  return pools['custom'];
}

/** Test workers that run the built-in worker in a browser unlike this one. */
const LIMITED_WORKERS = {
  /** Without WebAssembly SIMD: pica resamples. */
  'no-simd': () => new Worker(new URL('./no-simd-worker.ts', import.meta.url), { type: 'module' }),
  /** Canvases stop at 4 MP. */
  'small-canvas': () => new Worker(new URL('./small-canvas-worker.ts', import.meta.url), { type: 'module' }),
  /** Both. */
  'small-canvas-no-simd': () =>
    new Worker(new URL('./small-canvas-no-simd-worker.ts', import.meta.url), { type: 'module' }),
};

export type LimitedWorker = keyof typeof LIMITED_WORKERS;

function limitedPool(kind: LimitedWorker): imagespec.WorkerPool {
  pools[kind] ??= imagespec.createWorkerPool({ createWorker: LIMITED_WORKERS[kind] });
  return pools[kind];
}

async function loadFile(url: string, name: string): Promise<File> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`test input missing: ${url} (${response.status})`);
  return new File([await response.blob()], name);
}

async function run(
  url: string,
  name: string,
  specs: Specs,
  options: { pool?: 'custom' | LimitedWorker; maxPixels?: number; maxCanvasPixels?: number; cache?: false } = {},
): Promise<PageOutcome> {
  const file = await loadFile(url, name);
  const stages: string[] = [];
  const processOptions: ProcessOptions = {
    onProgress: (progress) => stages.push(progress.spec ? `${progress.stage}:${progress.spec}` : progress.stage),
    ...(options.pool === 'custom' ? { pool: customPool() } : {}),
    ...(options.pool && options.pool !== 'custom' ? { pool: limitedPool(options.pool) } : {}),
    ...(options.maxPixels === undefined ? {} : { maxPixels: options.maxPixels }),
    ...(options.maxCanvasPixels === undefined ? {} : { maxCanvasPixels: options.maxCanvasPixels }),
    ...(options.cache === false ? { cache: false } : {}),
  };
  const started = performance.now();
  try {
    const result = await imagespec.processImage(file, specs, processOptions);
    const ms = performance.now() - started;
    const variants: Record<string, PageVariant> = {};
    for (const [key, variant] of Object.entries(result.variants)) {
      variants[key] = {
        width: variant.width,
        height: variant.height,
        type: variant.type,
        bytes: variant.bytes,
        fingerprint: variant.fingerprint,
        ...(variant.quality === undefined ? {} : { quality: variant.quality }),
        ...(variant.placeholder === undefined ? {} : { placeholder: variant.placeholder }),
        base64: await toBase64(variant.blob),
      };
    }
    const responsive: Record<string, PageResponsive> = {};
    for (const [key, set] of Object.entries(result.responsive)) {
      const { versions, widths } = set;
      responsive[key] = { versions, widths, srcset: set.srcset(), namedSrcset: set.srcset((version) => version) };
    }
    result.release();
    return { ok: true, source: result.source, variants, responsive, ms, stages };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    return {
      ok: false,
      ms: performance.now() - started,
      stages,
      error: {
        name: String(e?.name),
        message: String(e?.message),
        isImageSpecError: imagespec.isImageSpecError(error),
        ...(e?.code ? { code: e.code } : {}),
      },
    };
  }
}

export interface BatchOptions {
  pool?: 'custom' | 'missing-worker';
  poolSize?: number;
  /** Abort every file when the first progress event with this stage (e.g. 'process:thumbnail') arrives. */
  abortAt?: string;
}

export interface BatchOutcome {
  results: { ok: boolean; code?: string; message?: string; settledAfterAbortMs?: number }[];
  /** Durations of main-thread long tasks seen while the batch ran. */
  longTasks: number[];
  workersStarted: number;
  elapsedMs: number;
  /** The files' indexes in the order a worker started decoding them. */
  decodeOrder: number[];
}

/** Runs several files through one new pool at once, watching for main-thread long tasks. */
async function batch(
  inputs: { url: string; name: string }[],
  specs: Specs,
  options: BatchOptions = {},
): Promise<BatchOutcome> {
  const files = await Promise.all(inputs.map(({ url, name }) => loadFile(url, name)));
  const createWorker =
    options.pool === 'custom'
      ? () => new Worker(new URL('./custom-worker.ts', import.meta.url), { type: 'module' })
      : options.pool === 'missing-worker'
        ? () => new Worker(new URL('./no-such-worker.js', import.meta.url), { type: 'module' })
        : undefined;
  const pool = imagespec.createWorkerPool({
    ...(options.poolSize === undefined ? {} : { size: options.poolSize }),
    ...(createWorker ? { createWorker } : {}),
  });
  (window as unknown as { lastPool: imagespec.WorkerPool }).lastPool = pool;
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((entry) => longTasks.push(entry.duration)),
  );
  observer.observe({ type: 'longtask' });
  const controller = new AbortController();
  let abortedAt: number | undefined;
  const decodeOrder: number[] = [];
  const onProgress = (progress: imagespec.ProcessProgress, index: number) => {
    if (progress.stage === 'decode' && !decodeOrder.includes(index)) decodeOrder.push(index);
    const label = progress.spec ? `${progress.stage}:${progress.spec}` : progress.stage;
    if (options.abortAt === label && abortedAt === undefined) {
      abortedAt = performance.now();
      controller.abort();
    }
  };
  const started = performance.now();
  const results = await Promise.all(
    files.map((file, index) =>
      imagespec
        .processImage(file, specs, {
          pool,
          signal: controller.signal,
          onProgress: (progress) => onProgress(progress, index),
        })
        .then(
          () => ({ ok: true }),
          (error: { code?: string; message?: string }) => ({
            ok: false,
            ...(error.code ? { code: error.code } : {}),
            message: String(error.message),
            ...(abortedAt === undefined ? {} : { settledAfterAbortMs: performance.now() - abortedAt }),
          }),
        ),
    ),
  );
  const elapsedMs = performance.now() - started;
  // Long tasks are reported after they end: give the observer a frame to deliver the last ones.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return { results, longTasks, workersStarted: pool.workersStarted, elapsedMs, decodeOrder };
}

declare global {
  interface Window {
    imagespec: typeof imagespec;
    harness: { run: typeof run; batch: typeof batch; loadFile: typeof loadFile; customPool: typeof customPool };
  }
}
window.imagespec = imagespec;
window.harness = { run, batch, loadFile, customPool };
document.body.dataset['ready'] = 'true';
