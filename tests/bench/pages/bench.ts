// The page the Node runner drives (tests/bench/run.mjs). One page per contender and photo, so each
// contender has a renderer process of its own: its memory is measured alone, and whatever it
// does to the page (its own workers, a replaced Worker constructor) touches nobody else.
import { CONTENDERS } from '../adapters/index.ts';
import { createImagespecPool, runImagespec } from '../adapters/imagespec.ts';
import type { WorkerPool } from '../../../src/index.ts';
import { defaultPoolSize } from '../../../src/pool/worker-pool.ts';
import { WORKLOADS, type Workload } from '../workloads.ts';
import { collectSpans } from './anatomy-client.ts';
import { longTasksBetween, type LongTaskSummary } from './long-tasks.ts';
import type { Contender, Photo, RunResult } from './types.ts';

export interface PageOutput {
  name: string;
  width: number;
  height: number;
  type: string;
  bytes: number;
  region?: { x: number; y: number; width: number; height: number };
  effectApplied: boolean;
  /** The encoded bytes, only when asked for (the Node side computes quality from them). */
  base64?: string;
}

export type PageRun =
  | {
      ok: true;
      ms: number;
      longTasks: LongTaskSummary;
      outputs: PageOutput[];
      fromCache: boolean;
      details: Record<string, unknown>;
      spans?: unknown[];
    }
  | { ok: false; ms: number; error: string };

const photoBlobs = new Map<string, Promise<Blob>>();

function fetchPhoto(url: string): Promise<Blob> {
  if (!photoBlobs.has(url)) {
    photoBlobs.set(
      url,
      fetch(url).then((response) => {
        if (!response.ok) throw new Error(`photo missing: ${url} (${response.status})`);
        return response.blob();
      }),
    );
  }
  return photoBlobs.get(url)!;
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

let made = 0;

/**
 * The photo's bytes plus a few unique bytes after the image data: decoders ignore them, and the
 * file's SHA-256 changes, so no content-addressed cache can answer a measured run.
 */
async function uniqueFile(photo: Photo): Promise<File> {
  const tail = new TextEncoder().encode(`imagespec-bench:${++made}:${crypto.randomUUID()}`);
  const type = TYPES[photo.name.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
  return new File([await fetchPhoto(photo.url), tail], photo.name, { type });
}

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('the blob could not be read'));
    reader.readAsDataURL(blob);
  });
}

function workloadOf(id: string): Workload {
  const workload = WORKLOADS[id as Workload['id']];
  if (!workload) throw new Error(`unknown workload: ${id}`);
  return workload;
}

let contender: Contender | undefined;
let currentPhoto: Photo | undefined;
/** The bytes workload (d) processes again and again (each time in a new File), so that a cache may answer. */
let repeatedBytes: File | undefined;

async function open(contenderId: string, photo: Photo): Promise<void> {
  const factory = CONTENDERS[contenderId];
  if (!factory) throw new Error(`unknown contender: ${contenderId}`);
  contender = factory();
  currentPhoto = photo;
  await fetchPhoto(photo.url);
  await contender.prepare?.();
}

function supports(workloadId: string): true | string {
  return contender!.supports(workloadOf(workloadId));
}

async function summarise(result: RunResult, workload: Workload, keepOutputs: boolean): Promise<PageOutput[]> {
  return Promise.all(
    result.outputs.map(async (output) => {
      const spec = workload.outputs.find((candidate) => candidate.name === output.name);
      const keep = keepOutputs && spec?.kind !== 'original';
      return {
        name: output.name,
        width: output.width,
        height: output.height,
        type: output.blob.type,
        bytes: output.blob.size,
        effectApplied: output.effectApplied ?? false,
        ...(output.region ? { region: output.region } : {}),
        ...(keep ? { base64: await toBase64(output.blob) } : {}),
      };
    }),
  );
}

/** One timed run of the open contender. Wall time covers the contender's call only. */
async function run(workloadId: string, options: { keepOutputs?: boolean; sameBytes?: boolean } = {}): Promise<PageRun> {
  const workload = workloadOf(workloadId);
  // The same photo picked again from disk: same bytes, name and last-modified time, new File object.
  const file = options.sameBytes
    ? new File([(repeatedBytes ??= await uniqueFile(currentPhoto!))], currentPhoto!.name, {
        type: 'image/jpeg',
        lastModified: repeatedBytes.lastModified,
      })
    : await uniqueFile(currentPhoto!);
  const start = performance.now();
  try {
    const result = await contender!.run(file, currentPhoto!, workload);
    const end = performance.now();
    const longTasks = await longTasksBetween(start, end);
    const spans = contender!.id === 'imagespec-instrumented' ? await collectSpans() : undefined;
    return {
      ok: true,
      ms: end - start,
      longTasks,
      outputs: await summarise(result, workload, options.keepOutputs ?? false),
      fromCache: result.fromCache ?? false,
      details: result.details ?? {},
      ...(spans ? { spans } : {}),
    };
  } catch (error) {
    return { ok: false, ms: performance.now() - start, error: String((error as Error)?.stack ?? error) };
  }
}

// Workload (c): a batch through one imagespec pool.
let batchPool: WorkerPool | undefined;
let batchFiles: File[] = [];

/** Makes the pool and warms every worker with one file each, so the measured batch starts hot. */
async function batchPrepare(photos: Photo[], poolSize: number, workloadId: string): Promise<{ poolSize: number }> {
  batchPool?.terminate();
  batchPool = createImagespecPool({ size: poolSize });
  const workload = workloadOf(workloadId);
  const warmFiles = await Promise.all(
    Array.from({ length: batchPool.size }, (_, index) => uniqueFile(photos[index % photos.length]!)),
  );
  await Promise.all(warmFiles.map((file) => runImagespec(batchPool!, file, workload)));
  return { poolSize: batchPool.size };
}

/** Prepares `count` distinct files (cycling through the photos) before the clock starts. */
async function batchLoad(photos: Photo[], count: number): Promise<void> {
  batchFiles = await Promise.all(
    Array.from({ length: count }, (_, index) => uniqueFile(photos[index % photos.length]!)),
  );
}

async function batchRun(workloadId: string): Promise<PageRun> {
  const workload = workloadOf(workloadId);
  const files = batchFiles;
  batchFiles = [];
  const start = performance.now();
  try {
    await Promise.all(files.map((file) => runImagespec(batchPool!, file, workload)));
    const end = performance.now();
    return {
      ok: true,
      ms: end - start,
      longTasks: await longTasksBetween(start, end),
      outputs: [],
      fromCache: false,
      details: { files: files.length },
    };
  } catch (error) {
    return { ok: false, ms: performance.now() - start, error: String((error as Error)?.stack ?? error) };
  }
}

declare global {
  interface Window {
    bench: {
      open: typeof open;
      supports: typeof supports;
      run: typeof run;
      batchPrepare: typeof batchPrepare;
      batchLoad: typeof batchLoad;
      batchRun: typeof batchRun;
      defaultPoolSize: typeof defaultPoolSize;
    };
  }
}

window.bench = { open, supports, run, batchPrepare, batchLoad, batchRun, defaultPoolSize };
document.body.dataset['ready'] = 'true';
