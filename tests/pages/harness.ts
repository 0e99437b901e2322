// The page side of the tests: turns inputs served by the test into Files, runs imagespec, and
// hands results back as plain data (base64 bytes) the Node side can decode with sharp.
import * as imagespec from '../../src/index.ts';
import type { ProcessOptions, Specs } from '../../src/index.ts';

export interface PageVariant {
  width: number;
  height: number;
  type: string;
  bytes: number;
  fingerprint: string;
  base64: string;
}

export type PageOutcome =
  | { ok: true; source: imagespec.SourceImage; variants: Record<string, PageVariant>; ms: number; stages: string[] }
  | { ok: false; error: { name: string; code?: string; message: string; isImageSpecError: boolean }; ms: number };

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

async function loadFile(url: string, name: string): Promise<File> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`test input missing: ${url} (${response.status})`);
  return new File([await response.blob()], name);
}

async function run(url: string, name: string, specs: Specs, options: { pool?: 'custom'; maxPixels?: number } = {}): Promise<PageOutcome> {
  const file = await loadFile(url, name);
  const stages: string[] = [];
  const processOptions: ProcessOptions = {
    onProgress: (progress) => stages.push(progress.spec ? `${progress.stage}:${progress.spec}` : progress.stage),
    ...(options.pool === 'custom' ? { pool: customPool() } : {}),
    ...(options.maxPixels === undefined ? {} : { maxPixels: options.maxPixels }),
  };
  const started = performance.now();
  try {
    const result = await imagespec.processImage(file, specs, processOptions);
    const ms = performance.now() - started;
    const variants: Record<string, PageVariant> = {};
    for (const [key, variant] of Object.entries(result.variants)) {
      variants[key] = {
        width: variant.width, height: variant.height, type: variant.type, bytes: variant.bytes,
        fingerprint: variant.fingerprint, base64: await toBase64(variant.blob),
      };
    }
    return { ok: true, source: result.source, variants, ms, stages };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    return {
      ok: false,
      ms: performance.now() - started,
      error: {
        name: String(e?.name), message: String(e?.message), isImageSpecError: imagespec.isImageSpecError(error),
        ...(e?.code ? { code: e.code } : {}),
      },
    };
  }
}

declare global {
  interface Window {
    imagespec: typeof imagespec;
    harness: { run: typeof run; loadFile: typeof loadFile; customPool: typeof customPool };
  }
}
window.imagespec = imagespec;
window.harness = { run, loadFile, customPool };
document.body.dataset['ready'] = 'true';
