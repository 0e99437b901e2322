// The page side of tests/architecture.spec.ts: what a job leaves behind, and how errors cross
// the worker boundary. Uses internals on purpose (a crafted spec no public call can make).
import { createWorkerPool, custom, processImage, resizeToFill } from '../../src/index.ts';
import { defaultPool } from '../../src/pool/worker-pool.ts';
import { readImageHeader } from '../../src/shared/header.ts';
import type { ResolvedImageSpec } from '../../src/shared/specs.ts';

/** Plain data of an error and its chain of causes. */
export interface ErrorChain {
  name: string;
  code?: string;
  message: string;
  details?: Record<string, unknown>;
  cause?: ErrorChain;
}

function chain(error: unknown): ErrorChain {
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    details?: Record<string, unknown>;
    cause?: unknown;
  };
  return {
    name: String(e.name),
    message: String(e.message),
    ...(e.code ? { code: e.code } : {}),
    ...(e.details ? { details: e.details } : {}),
    ...(e.cause === undefined ? {} : { cause: chain(e.cause) }),
  };
}

async function tinyJpeg(): Promise<Blob> {
  const canvas = new OffscreenCanvas(64, 48);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#3a7';
  context.fillRect(0, 0, 64, 48);
  return canvas.convertToBlob({ type: 'image/jpeg' });
}

/**
 * Runs `count` jobs under one AbortSignal that outlives them all, drops every result, and
 * returns how many of the jobs' Files the garbage collector was able to reclaim (the test forces
 * a collection between `start` and `collected`).
 */
const registry = new FinalizationRegistry<number>(() => {
  finalized++;
});
let finalized = 0;
const longLived = new AbortController();

async function runUnderLongLivedSignal(count: number): Promise<void> {
  const bytes = await (await tinyJpeg()).arrayBuffer();
  const pool = createWorkerPool({ size: 1 });
  for (let index = 0; index < count; index++) {
    const file = new File([bytes], `photo-${index}.jpg`, { type: 'image/jpeg' });
    registry.register(file, index);
    await processImage(
      file,
      { thumbnail: { processors: [resizeToFill(16, 12)] } },
      {
        pool,
        cache: false,
        signal: longLived.signal,
      },
    );
  }
  pool.terminate();
}

/** A built-in processor given impossible data (no public call can build it) must still fail typed. */
async function failBuiltIn(): Promise<ErrorChain | null> {
  const file = await tinyJpeg();
  const header = readImageHeader(new Uint8Array(await file.arrayBuffer()))!;
  const spec: ResolvedImageSpec = {
    kind: 'image',
    name: 'broken',
    processors: [{ op: 'resize', width: -5, height: 10, upscale: true }],
    format: 'image/png',
    quality: 0.85,
    background: '#fff',
    maxBytes: null,
    minQuality: 0.4,
    shrinkToFit: false,
  };
  try {
    await defaultPool().run({ file, header, specs: [spec] });
    return null;
  } catch (error) {
    return chain(error);
  }
}

async function failCustom(): Promise<ErrorChain | null> {
  const pool = createWorkerPool({
    createWorker: () => new Worker(new URL('./custom-worker.ts', import.meta.url), { type: 'module' }),
  });
  try {
    await processImage(await tinyJpeg(), { broken: { processors: [custom('throws')] } }, { pool, cache: false });
    return null;
  } catch (error) {
    return chain(error);
  } finally {
    pool.terminate();
  }
}

declare global {
  interface Window {
    lifecycle: {
      runUnderLongLivedSignal: typeof runUnderLongLivedSignal;
      finalized: () => number;
      failBuiltIn: typeof failBuiltIn;
      failCustom: typeof failCustom;
    };
  }
}
window.lifecycle = { runUnderLongLivedSignal, finalized: () => finalized, failBuiltIn, failCustom };
document.body.dataset['ready'] = 'true';
