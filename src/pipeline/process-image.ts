import { throwIfAborted } from '../shared/abort.ts';
import { originalBlob } from './original-variant.ts';
import { readCheckedHeader } from './read-checked-header.ts';
import { fileKey, readSource } from './read-source.ts';
import { progressReporter, type ProcessProgress } from './progress-reporter.ts';
import { produceThroughCache, type ReadThroughJob } from './read-through.ts';
import { createVariantAccess, ObjectUrls, type VariantAccess } from './variant-access.ts';
import { collectResponsive, type ResponsiveImage } from './responsive.ts';
import type { CacheEvent } from '../cache/events.ts';
import { cacheStore, defaultCache } from '../cache/open-cache.ts';
import type { VariantCache } from '../cache/variant-cache.ts';
import { sha256Hex } from '../shared/fingerprint.ts';
import { displayedSize } from '../shared/header.ts';
import { lazySpecNames, resolveSpecs, type ResolvedImageSpec, type Specs } from '../shared/specs.ts';
import type { SourceImage, Variant } from '../shared/variant.ts';
import { widthSets } from '../shared/widths.ts';
import { defaultPool, runnablePool, type WorkerPool } from '../pool/worker-pool.ts';

/** Admits a 50 MP camera photo; refuses decompression bombs before they are decoded. */
export const DEFAULT_MAX_PIXELS = 64_000_000;

export interface ProcessOptions {
  /** Abort to stop processing: the promise rejects with `ABORTED` and the worker is freed at once. */
  signal?: AbortSignal;
  onProgress?: (progress: ProcessProgress) => void;
  /** The pool to run in; pass one made with your own worker for custom processors. @default a shared pool of the built-in worker */
  pool?: WorkerPool;
  /** Files whose header declares more pixels than this are refused with `TOO_LARGE`. @default 64_000_000 */
  maxPixels?: number;
  /**
   * The largest canvas, in pixels, the browsers you target can make (a larger one fails or comes
   * out blank). Specs that start with a resize then read larger photos in bands or decode them
   * smaller, never through a canvas over this size.
   * @default 16_777_216 (iOS Safari's limit)
   */
  maxCanvasPixels?: number;
  /**
   * Where processed variants are looked up first and stored after (see `openCache`); `false`
   * to neither read nor write a cache.
   * @default a cache shared by the page, in the IndexedDB database 'imagespec-cache', opened on first use
   */
  cache?: VariantCache | false;
  /** Told when the cache could not help (unavailable, quota full, a variant skipped, evictions). Cache failures never reject processing. */
  onCacheEvent?: (event: CacheEvent) => void;
}

/** The names of the specs of `S` marked `lazy: true`. */
export type LazySpecNames<S> = { [K in keyof S]: S[K] extends { lazy: true } ? K : never }[keyof S] & string;
/** The names of the specs of `S` with `widths` (any name when `S` is not known precisely). */
export type ResponsiveSpecNames<S> = string extends keyof S
  ? string
  : { [K in keyof S]: S[K] extends { widths: readonly number[] } ? K : never }[keyof S] & string;
/** The names of the versions of `S` produced at once: a spec with `widths` gives `<name>-<width>w`. */
export type EagerSpecNames<S> = string extends keyof S
  ? string
  : | Exclude<Extract<keyof S, string>, LazySpecNames<S> | ResponsiveSpecNames<S>>
    | `${ResponsiveSpecNames<S>}-${number}w`;

/**
 * Every eager version, plus accessors: `get(name)` for any version (a lazy one is produced on
 * first access), `url(name)` for an object URL, and `release()` to revoke the URLs handed out.
 */
export interface ProcessResult<
  Names extends string = string,
  LazyNames extends string = never,
  ResponsiveNames extends string = string,
> extends VariantAccess<Names | LazyNames, Variant> {
  source: SourceImage;
  /** The eager versions. Lazy ones are not here until asked for with `get`. */
  variants: Record<Names, Variant>;
  /** Per spec with `widths`: its versions narrowest first, `srcset` and `sizes`. */
  responsive: Record<ResponsiveNames, ResponsiveImage>;
}

/**
 * Produces every version of one image that `specs` declare, in a worker.
 *
 * @example
 * const result = await processImage(file, {
 *   thumbnail: { processors: [resizeToFill(100, 75), adjust({ contrast: 1.2, sharpness: 1.1 })] },
 *   original: { original: true },
 * });
 * img.src = URL.createObjectURL(result.variants.thumbnail.blob);
 */
export async function processImage<S extends Specs>(
  file: Blob,
  specs: S,
  options: ProcessOptions = {},
): Promise<ProcessResult<EagerSpecNames<S>, LazySpecNames<S>, ResponsiveSpecNames<S>>> {
  const pool = options.pool ? runnablePool(options.pool) : defaultPool();
  // Files picked together are read only as the workers get close to them (see ModuleWorkerPool.admit).
  const label = file instanceof File && file.name ? file.name : 'the file';
  const endTurn = await pool.admit(options.signal, `processing ${label}`);
  const onProgress = (progress: ProcessProgress) => {
    // Every stage after 'queued' comes from the worker that took the file: the next file's turn.
    if (progress.stage !== 'queued') endTurn();
    options.onProgress?.(progress);
  };
  try {
    return await processAdmitted(file, specs, { ...options, onProgress });
  } finally {
    endTurn();
  }
}

/** `processImage` once the pool has admitted the file. */
async function processAdmitted<S extends Specs>(
  file: Blob,
  specs: S,
  options: ProcessOptions,
): Promise<ProcessResult<EagerSpecNames<S>, LazySpecNames<S>, ResponsiveSpecNames<S>>> {
  const { signal } = options;
  const name = file instanceof File ? file.name : '';
  const what = `processing ${name || 'the file'}`;
  throwIfAborted(signal, what);
  const resolved = resolveSpecs(specs);
  // Asked first, so that the cache can look for the file while its bytes are still being hashed.
  const key = fileKey(file);
  // The header checks need the first bytes; hashing (the cache key) reads the rest meanwhile.
  const reads = readSource(file, name);
  const header = await readCheckedHeader(file, name, reads.head, options.maxPixels ?? DEFAULT_MAX_PIXELS);
  throwIfAborted(signal, what);

  const lazy = lazySpecNames(specs);
  const imageSpecs = resolved.filter((spec): spec is ResolvedImageSpec => spec.kind === 'image');
  const eagerSpecs = imageSpecs.filter((spec) => !lazy.has(spec.name));
  const report = progressReporter(name, eagerSpecs.length, options.onProgress);
  const job: ReadThroughJob = {
    file,
    header,
    signal,
    onCacheEvent: options.onCacheEvent,
    sha256: reads.sha256,
    fileKey: key,
    bytes: reads.takeBytes,
    cache: options.cache === false ? undefined : options.cache ? cacheStore(options.cache) : defaultCache(),
    pool: () => (options.pool ? runnablePool(options.pool) : defaultPool()),
    ...(options.maxCanvasPixels === undefined ? {} : { maxCanvasPixels: options.maxCanvasPixels }),
  };
  // Only an original version that strips metadata needs the whole file here: read it again.
  const original = await originalBlob(file, reads.whole, header, resolved);
  const [sha256, worked] = await Promise.all([
    original === file ? job.sha256 : original.arrayBuffer().then(sha256Hex),
    produceThroughCache({ ...job, onProgress: report }, eagerSpecs),
  ]);
  reads.takeBytes(); // dropped when no worker took them (a full hit, or a worker started before the hash)
  throwIfAborted(signal, what);

  // Only originals were asked for: no worker decoded the image, so its header tells the size.
  const size = worked.sourceSize ?? displayedSize(header) ?? { width: 0, height: 0 };
  const source: SourceImage = {
    name,
    width: size.width,
    height: size.height,
    type: header.format,
    bytes: original.size,
    sha256,
    orientation: header.orientation,
  };
  const variants: Record<string, Variant> = {};
  for (const spec of resolved) {
    if (spec.kind === 'original') {
      variants[spec.name] = {
        blob: original,
        width: source.width,
        height: source.height,
        type: header.format,
        bytes: original.size,
        fingerprint: '',
        fromCache: false,
      };
      continue;
    }
    if (!lazy.has(spec.name)) variants[spec.name] = worked.variants[eagerSpecs.indexOf(spec)]!;
  }
  const urls = new ObjectUrls();
  const responsive = collectResponsive(widthSets(eagerSpecs), variants, urls);
  const access = createVariantAccess<EagerSpecNames<S> | LazySpecNames<S>, Variant>(
    variants,
    (wanted, lazySignal) => {
      const spec = lazy.has(wanted) ? imageSpecs.find((candidate) => candidate.name === wanted) : undefined;
      const lazyJob = { ...job, signal: lazySignal, onProgress: progressReporter(name, 1, options.onProgress) };
      return spec && produceThroughCache(lazyJob, [spec]).then((made) => made.variants[0]!);
    },
    urls,
  );
  report({ stage: 'done' });
  return { source, variants, responsive, ...access };
}
