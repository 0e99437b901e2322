// Produces a list of specs for one file through the cache. The worker that takes the file reads
// and hashes it, then asks which specs the cache already holds for that hash; the page looks them
// up meanwhile and the worker makes only the misses, which the page then stores. A full hit by
// content costs the worker a read and a hash, no decode.
import { fingerprintSpec } from '../shared/fingerprint.ts';
import type { ImageHeader } from '../shared/header.ts';
import type { ResolvedImageSpec } from '../shared/specs.ts';
import type { ModuleWorkerPool } from '../pool/worker-pool.ts';
import { variantExtras, type CachedVariant, type EncodedVariant, type Variant } from '../shared/variant.ts';
import type { WorkerProgress } from '../shared/worker-protocol.ts';
import type { CacheLookup, IndexedDbCache } from '../cache/indexeddb-cache.ts';
import type { CacheEvent } from '../cache/events.ts';
import { keepSmallerSources } from './keep-source.ts';

export interface ReadThroughJob {
  file: Blob;
  /** The file's checked header, read when first asked for (a full hit may never need it). */
  header: () => Promise<ImageHeader>;
  /** The file's hex SHA-256 where known already (lazy versions): the worker then does not hash it again. */
  sha256?: string | undefined;
  /** The file's `fileKey`; undefined for a Blob that is not a File. */
  fileKey: Promise<string> | undefined;
  /** Undefined: no cache, the worker makes every spec. */
  cache: IndexedDbCache | undefined;
  pool: ModuleWorkerPool;
  /** See `ProcessOptions.maxCanvasPixels`. */
  maxCanvasPixels?: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: WorkerProgress) => void) | undefined;
  onCacheEvent?: ((event: CacheEvent) => void) | undefined;
}

export interface ReadThroughResult {
  /** Hex SHA-256 of the file. */
  sha256: string;
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
  const { cache, file, signal } = job;
  if (specs.length === 0) {
    return { sha256: job.sha256 ?? (await job.pool.hash(file, signal)), sourceSize: undefined, variants: [] };
  }
  const [fingerprints, header] = await Promise.all([Promise.all(specs.map(fingerprintSpec)), job.header()]);
  const cacheOptions = { onEvent: job.onCacheEvent };
  let found: CacheLookup | undefined;
  const whichCached = async (sha256: string): Promise<number[]> => {
    if (!cache) return [];
    found = await cache.lookup(sha256, fingerprints, { ...cacheOptions, file: await job.fileKey });
    return fingerprints.flatMap((fingerprint, index) => (found!.variants.has(fingerprint) ? [index] : []));
  };
  // An abort stops the worker, and with it the wait for a slow lookup.
  const worked = await job.pool.run(
    {
      file,
      header,
      specs: [...specs],
      ...(job.sha256 === undefined ? {} : { sha256: job.sha256 }),
      ...(job.maxCanvasPixels === undefined ? {} : { maxCanvasPixels: job.maxCanvasPixels }),
    },
    {
      whichCached,
      ...(signal ? { signal } : {}),
      ...(job.onProgress ? { onProgress: job.onProgress } : {}),
    },
  );
  const { variants: made } = await keepSmallerSources(file, header.format, worked);
  const missing = specs.filter((_, index) => !found?.variants.has(fingerprints[index]!));
  const variants = specs.map((spec, index): Variant => {
    const fingerprint = fingerprints[index]!;
    const hit = found?.variants.get(fingerprint);
    return hit ? cachedVariant(hit) : madeVariant(made[missing.indexOf(spec)]!, fingerprint);
  });
  // A lookup with hits always carries the source's size, so one of the two is there.
  const sourceSize = worked.size ?? { width: found!.source!.width, height: found!.source!.height };

  if (cache && found?.available && missing.length > 0) {
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
    const { format: type, orientation } = header;
    const source = { sha256: worked.sha256, ...sourceSize, file: await job.fileKey, type, orientation };
    await cache.store(source, toStore, cacheOptions);
  }
  return { sha256: worked.sha256, sourceSize, variants };
}

/** A variant the worker made, as a result's. */
function madeVariant(encoded: EncodedVariant, fingerprint: string): Variant {
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
