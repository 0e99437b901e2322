import { abortable, throwIfAborted } from '../shared/abort.ts';
import { originalStripMode } from './original-variant.ts';
import { readCheckedHeader } from './read-checked-header.ts';
import { progressReporter, type ProcessProgress } from './progress-reporter.ts';
import { cachedVariant, produceThroughCache, type ReadThroughJob } from './read-through.ts';
import { checkEarlyHit, fileKey, findEarlyHit, type EarlyHit } from './served-early.ts';
import { createVariantAccess, ObjectUrls, type VariantAccess } from './variant-access.ts';
import { collectResponsive, type ResponsiveImage } from './responsive.ts';
import type { CacheEvent } from '../cache/events.ts';
import { cacheStore, defaultCache } from '../cache/open-cache.ts';
import type { VariantCache } from '../cache/variant-cache.ts';
import type { CacheLookup } from '../cache/indexeddb-cache.ts';
import { rememberSha256 } from '../shared/known-hashes.ts';
import { displayedSize, type ImageHeader } from '../shared/header.ts';
import { confirmSourceLater } from '../shared/source-confirmation.ts';
import { lazySpecNames, resolveSpecs, type ResolvedImageSpec, type Specs } from '../shared/specs.ts';
import type { SourceImage, Variant } from '../shared/variant.ts';
import type { WorkerProgress } from '../shared/worker-protocol.ts';
import { widthSets } from '../shared/widths.ts';
import { defaultPool, runnablePool, type ModuleWorkerPool, type WorkerPool } from '../pool/worker-pool.ts';

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
  const admission = await pool.admit(options.signal, `processing ${label}`);
  const onProgress = (progress: ProcessProgress) => {
    // Every stage after 'queued' comes from the worker that took the file: the next file's turn.
    if (progress.stage !== 'queued') admission.end();
    options.onProgress?.(progress);
  };
  try {
    return await processAdmitted(file, specs, { ...options, onProgress }, pool, admission.ticket);
  } finally {
    admission.end();
  }
}

/** `processImage` once `pool` has admitted the file, with `ticket` (see `ModuleWorkerPool.admit`). */
async function processAdmitted<S extends Specs>(
  file: Blob,
  specs: S,
  options: ProcessOptions,
  pool: ModuleWorkerPool,
  ticket: number,
): Promise<ProcessResult<EagerSpecNames<S>, LazySpecNames<S>, ResponsiveSpecNames<S>>> {
  const { signal } = options;
  const name = file instanceof File ? file.name : '';
  const what = `processing ${name || 'the file'}`;
  throwIfAborted(signal, what);
  const resolved = resolveSpecs(specs);
  const lazy = lazySpecNames(specs);
  const imageSpecs = resolved.filter((spec): spec is ResolvedImageSpec => spec.kind === 'image');
  const eagerSpecs = imageSpecs.filter((spec) => !lazy.has(spec.name));
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  let cache = options.cache === false ? undefined : options.cache ? cacheStore(options.cache) : defaultCache();
  const key = fileKey(file);
  const stripMode = originalStripMode(resolved);
  // A file picked before is answered before it is read, and checked after (see served-early.ts).
  // An original that strips metadata needs every byte anyway: then the hash comes first as usual.
  let early: EarlyHit | undefined;
  let candidate: CacheLookup | undefined;
  if (cache && key && stripMode === null) {
    // The lookup may wait for a slow database open (up to its timeout): abort must not.
    const looked = await abortable(findEarlyHit(cache, key, eagerSpecs, maxPixels, options.onCacheEvent), signal, what);
    early = looked.hit;
    candidate = looked.candidate;
    if (!looked.available) cache = undefined; // reported once is enough
  }
  // The header checks need only the first bytes; the worker reads the rest.
  let checkedHeader: Promise<ImageHeader> | undefined;
  const header = () => (checkedHeader ??= readCheckedHeader(file, name, maxPixels));
  if (!early) await header();
  throwIfAborted(signal, what);

  // The file read and hashed in a pool worker (see ModuleWorkerPool.hash), its bytes then passed
  // on to the processing worker, and the original stripped there too where a spec asks; for an
  // early hit only its hash, to check it by, after the result is out.
  const strip = stripMode === null ? undefined : { format: (await header()).format, mode: stripMode };
  const hashed = pool.hash(file, early ? { ticket } : { signal, ticket, keepBytes: true, strip });
  let unsent: ArrayBuffer | undefined;
  const takeBytes = () => {
    const bytes = unsent;
    unsent = undefined;
    return bytes;
  };
  const sha256 = hashed.then((hashedFile) => hashedFile.sha256);
  // What original versions send: the file, or the copy stripped where it was hashed.
  const sent = hashed.then(({ stripped, sha256 }) => stripped ?? { blob: file, sha256 });
  // Whoever awaits the hash sees its failure; a call that fails before never does.
  for (const derived of [hashed.then(({ bytes }) => (unsent = bytes)), sha256, sent]) derived.catch(() => {});
  const report = progressReporter(name, eagerSpecs.length, options.onProgress);
  const job: ReadThroughJob = {
    file,
    header,
    signal,
    onCacheEvent: options.onCacheEvent,
    sha256,
    fileKey: key,
    cache,
    pool,
    ...(options.maxCanvasPixels === undefined ? {} : { maxCanvasPixels: options.maxCanvasPixels }),
  };
  // The file-key candidate was looked up for the eager specs: lazy ones look up their own.
  const made = early
    ? servedEarly(early, file)
    : await producedAfterReading({ ...job, candidate, bytes: takeBytes, ticket }, sent, eagerSpecs, report);
  // Dropped when no worker took them (every version was cached, or a worker started before the hash).
  takeBytes();
  throwIfAborted(signal, what);
  const { original } = made;
  const source: SourceImage = { name, ...made.source };
  if (early) {
    const check = checkEarlyHit(cache!, early, sha256, name, options.onCacheEvent);
    confirmSourceLater(
      source,
      check.then(() => rememberSha256(original, source.sha256)),
    );
  } else {
    rememberSha256(original, source.sha256);
  }
  const variants: Record<string, Variant> = {};
  for (const spec of resolved) {
    if (spec.kind === 'original') {
      variants[spec.name] = {
        blob: original,
        width: source.width,
        height: source.height,
        type: source.type,
        bytes: original.size,
        fingerprint: '',
        fromCache: false,
      };
      continue;
    }
    if (!lazy.has(spec.name)) variants[spec.name] = made.variants[eagerSpecs.indexOf(spec)]!;
  }
  const urls = new ObjectUrls();
  const responsive = collectResponsive(widthSets(eagerSpecs), variants, urls);
  const access = createVariantAccess<EagerSpecNames<S> | LazySpecNames<S>, Variant>(
    variants,
    (wanted, lazySignal) => {
      const spec = lazy.has(wanted) ? imageSpecs.find((candidate) => candidate.name === wanted) : undefined;
      const lazyJob = { ...job, signal: lazySignal, onProgress: progressReporter(name, 1, options.onProgress) };
      return spec && produceThroughCache(lazyJob, [spec]).then((lazyMade) => lazyMade.variants[0]!);
    },
    urls,
  );
  report({ stage: 'done' });
  return { source, variants, responsive, ...access };
}

/** A result's source and eager versions, before the accessors are added. */
interface Made {
  source: Omit<SourceImage, 'name'>;
  /** What every original version sends. */
  original: Blob;
  /** In the order of the eager specs. */
  variants: Variant[];
}

/** A full hit found by file key: nothing read, the header's facts from the cache. */
function servedEarly(hit: EarlyHit, file: Blob): Made {
  const { sha256, width, height, type, orientation } = hit.source;
  return {
    source: { width, height, type, bytes: file.size, sha256, orientation },
    original: file,
    variants: hit.fingerprints.map((fingerprint) => cachedVariant(hit.found.variants.get(fingerprint)!)),
  };
}

/**
 * Everything else: the header read and checked, then the file hashed and the misses made in a
 * worker; `sent` is what original versions send (the file, or the copy stripped where it was
 * hashed) and its hash.
 */
async function producedAfterReading(
  job: ReadThroughJob,
  sent: Promise<{ blob: Blob; sha256: string }>,
  eagerSpecs: readonly ResolvedImageSpec[],
  report: (progress: WorkerProgress) => void,
): Promise<Made> {
  const header = await job.header();
  const [{ blob: original, sha256 }, worked] = await Promise.all([
    sent,
    produceThroughCache({ ...job, onProgress: report }, eagerSpecs),
  ]);
  // Only originals were asked for: no worker decoded the image, so its header tells the size.
  const size = worked.sourceSize ?? displayedSize(header) ?? { width: 0, height: 0 };
  return {
    source: { ...size, type: header.format, bytes: original.size, sha256, orientation: header.orientation },
    original,
    variants: worked.variants,
  };
}
