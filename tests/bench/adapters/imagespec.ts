// imagespec as a site would use it: one processImage call per photo, in a pool of module workers
// that register the example's custom 'toBW' processor (the same code as tests/pages/custom-worker.ts).
import {
  adjust,
  createWorkerPool,
  custom,
  processImage,
  resizeToFill,
  resizeToFit,
  type Specs,
  type WorkerPool,
} from '../../../src/index.ts';
import type { Contender, Output, RunResult } from '../pages/types.ts';
import { THUMBNAIL_ADJUST, type OutputSpec, type Workload } from '../workloads.ts';

export interface ImagespecOptions {
  /** Workers in the pool. @default imagespec's own default */
  size?: number;
  /** Run in the worker that times each stage (decode, pica, encode...) for the anatomy table. */
  instrumented?: boolean;
}

function specFor(output: OutputSpec): Specs[string] {
  if (output.kind === 'original') return { original: true };
  const resize =
    output.kind === 'fill' ? resizeToFill(output.width, output.height) : resizeToFit(output.width, output.height);
  if (output.effect === 'adjust') {
    return { processors: [resize, adjust(THUMBNAIL_ADJUST)], format: 'image/jpeg', quality: output.quality };
  }
  // The example's display spec names no format: imagespec keeps the source's (JPEG here) at its default quality.
  if (output.effect === 'black-and-white') return { processors: [resize, custom('toBW')] };
  return { processors: [resize], format: 'image/jpeg', quality: output.quality };
}

export function specsFor(workload: Workload): Specs {
  return Object.fromEntries(workload.outputs.map((output) => [output.name, specFor(output)]));
}

export function createImagespecPool(options: ImagespecOptions = {}): WorkerPool {
  const createWorker = options.instrumented
    ? () => new Worker(new URL('../workers/imagespec-anatomy-worker.ts', import.meta.url), { type: 'module' })
    : () => new Worker(new URL('../workers/imagespec-worker.ts', import.meta.url), { type: 'module' });
  // A long idle timeout: the pool must not retire workers between the warm-up and the measured runs.
  return createWorkerPool({ createWorker, idleTimeout: 600_000, ...(options.size ? { size: options.size } : {}) });
}

/** Runs one file through imagespec and reports its variants in the bench's terms. */
export async function runImagespec(pool: WorkerPool, file: File, workload: Workload): Promise<RunResult> {
  const result = await processImage(file, specsFor(workload), { pool });
  const outputs: Output[] = [];
  let generated = 0;
  let hits = 0;
  for (const spec of workload.outputs) {
    const variant = result.variants[spec.name]!;
    outputs.push({
      name: spec.name,
      blob: variant.blob,
      width: variant.width,
      height: variant.height,
      effectApplied: true,
    });
    if (spec.kind === 'original') continue;
    generated++;
    if (variant.fromCache) hits++;
  }
  return { outputs, fromCache: generated > 0 && hits === generated };
}

export function imagespecContender(options: ImagespecOptions = {}): Contender {
  let pool: WorkerPool | undefined;
  return {
    id: options.instrumented ? 'imagespec-instrumented' : 'imagespec',
    label: 'imagespec',
    supports: () => true,
    async prepare() {
      pool = createImagespecPool(options);
    },
    run: (file, _photo, workload) => runImagespec(pool!, file, workload),
  };
}
