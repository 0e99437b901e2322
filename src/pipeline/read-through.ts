// Produces a list of specs for one file through the cache: look up first (by the file's hash,
// made in a pool worker), send only the misses to a worker, store what the worker
// made. A full hit decodes nothing.
import { abortable } from '../shared/abort.ts';
import { fingerprintSpec } from '../shared/fingerprint.ts';
import type { ImageHeader } from '../shared/header.ts';
import type { ResolvedImageSpec } from '../shared/specs.ts';
import type { ModuleWorkerPool } from '../pool/worker-pool.ts';
import { variantExtras, type CachedVariant, type EncodedVariant, type Variant } from '../shared/variant.ts';
import type { WorkerProgress } from '../shared/worker-protocol.ts';
import type { CacheCallOptions, CacheLookup, IndexedDbCache } from '../cache/indexeddb-cache.ts';
import type { CacheEvent } from '../cache/events.ts';

export interface ReadThroughJob {
  file: Blob;
  /** The file's checked header, read when first asked for (a full hit may never need it). */
  header: () => Promise<ImageHeader>;
  /** Hex SHA-256 of the file, made once in a worker and shared with later (lazy) jobs. */
  sha256: Promise<string>;
  /** The file's `fileKey`; undefined for a Blob that is not a File. */
  fileKey: Promise<string> | undefined;
  /** The cache's answer for `fileKey` among these specs, where the caller asked it already. */
  candidate?: CacheLookup | undefined;
  /** Undefined: no cache, the worker starts at once, in parallel with hashing. */
  cache: IndexedDbCache | undefined;
  pool: ModuleWorkerPool;
  /** See `ProcessOptions.maxCanvasPixels`. */
  maxCanvasPixels?: number;
  /** The file's bytes where the worker that hashed the file read them, for the processing worker to take (once). */
  bytes?: () => ArrayBuffer | undefined;
  /** The file's admission ticket, for its eager versions (see `ModuleWorkerPool.admit`). */
  ticket?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: WorkerProgress) => void) | undefined;
  onCacheEvent?: ((event: CacheEvent) => void) | undefined;
}

export interface ReadThroughResult {
  /** The source's size as displayed (after EXIF orientation); undefined when no spec was given. */
  sourceSize: { width: number; height: number } | undefined;
  /** In the order of the specs. */
  variants: Variant[];
}

/** Every spec of `specs` for `job.file`, from the cache where it has them, from a worker where not. */
export async function produceThroughCache(
  job: ReadThroughJob,
  specs: readonly ResolvedImageSpec[],
): Promise<ReadThroughResult> {
  if (specs.length === 0) return { sourceSize: undefined, variants: [] };
  const { cache } = job;
  const fingerprinting = Promise.all(specs.map(fingerprintSpec));
  const cacheOptions = { onEvent: job.onCacheEvent };

  let found: CacheLookup | undefined;
  if (cache) {
    // The lookup may wait for a slow database open (up to its timeout): abort must not.
    found = await abortable(lookUp(cache, job, fingerprinting, cacheOptions), job.signal, 'processing');
  }
  const missing = found ? await filterMissing(specs, fingerprinting, found) : specs;
  const [sha256, fingerprints, worked] = await Promise.all([
    job.sha256,
    fingerprinting,
    missing.length === 0
      ? undefined
      : job.header().then((header) =>
          job.pool.run(
            {
              file: job.file,
              header,
              specs: [...missing],
              bytes: job.bytes?.(),
              ...(job.maxCanvasPixels === undefined ? {} : { maxCanvasPixels: job.maxCanvasPixels }),
            },
            {
              signal: job.signal,
              ticket: job.ticket,
              ...(job.onProgress ? { onProgress: job.onProgress } : {}),
            },
          ),
        ),
  ]);
  const made = new Map<ResolvedImageSpec, EncodedVariant>();
  missing.forEach((spec, index) => made.set(spec, worked!.variants[index]!));
  const variants = specs.map((spec, index): Variant => {
    const fingerprint = fingerprints[index]!;
    const encoded = made.get(spec);
    if (encoded) {
      return {
        blob: encoded.blob,
        width: encoded.width,
        height: encoded.height,
        type: encoded.type,
        bytes: encoded.blob.size,
        fingerprint,
        fromCache: false,
        ...variantExtras(encoded),
      };
    }
    return cachedVariant(found!.variants.get(fingerprint)!);
  });
  // A lookup with hits always carries the source's size, so one of the two is there.
  const sourceSize = worked
    ? { width: worked.width, height: worked.height }
    : { width: found!.source!.width, height: found!.source!.height };

  if (cache && worked && found?.available) {
    const toStore = missing.map((spec) => {
      const variant = variants[specs.indexOf(spec)]!;
      return {
        fingerprint: variant.fingerprint,
        blob: variant.blob,
        width: variant.width,
        height: variant.height,
        type: variant.type,
        spec: spec.name,
        ...variantExtras(variant),
      };
    });
    // Awaited, so that once processImage resolves, the next call (in any tab) hits.
    const { format: type, orientation } = await job.header();
    await cache.store({ sha256, ...sourceSize, file: await job.fileKey, type, orientation }, toStore, cacheOptions);
  }
  return { sourceSize, variants };
}

/** A cached variant as a result's. */
export function cachedVariant(hit: CachedVariant): Variant {
  return {
    blob: hit.blob,
    width: hit.width,
    height: hit.height,
    type: hit.type,
    bytes: hit.bytes,
    fingerprint: hit.fingerprint,
    fromCache: true,
    ...variantExtras(hit),
  };
}

/**
 * The cached variants of the job's file. A file picked before (the same name, size and time)
 * finds its source while its bytes are still being hashed, but that source's variants count only
 * once the hash is known and equal: a file changed in place, keeping all three, is looked up by
 * its hash like any other, and never gets the variants of what it was before.
 */
async function lookUp(
  cache: IndexedDbCache,
  job: ReadThroughJob,
  fingerprinting: Promise<string[]>,
  options: CacheCallOptions,
): Promise<CacheLookup> {
  const [file, fingerprints] = await Promise.all([job.fileKey, fingerprinting]);
  const candidate = job.candidate ?? (file === undefined ? undefined : cache.lookupFile(file, fingerprints, options));
  // Whoever awaits the hash sees its failure; the candidate's own never rejects.
  const sha256 = await job.sha256;
  const found = await candidate;
  if (found && (!found.available || found.source?.sha256 === sha256)) return found;
  return cache.lookup(sha256, fingerprints, { ...options, file });
}

async function filterMissing(
  specs: readonly ResolvedImageSpec[],
  fingerprinting: Promise<string[]>,
  found: CacheLookup,
) {
  const fingerprints = await fingerprinting;
  return specs.filter((_, index) => !found.variants.has(fingerprints[index]!));
}
