// Produces a list of specs for one file through the cache: look up first, send only the misses
// to a worker, store what the worker made. A full hit starts no worker at all.
import { abortable } from '../shared/abort.ts';
import { fingerprintSpec } from '../shared/fingerprint.ts';
import type { ImageHeader } from '../shared/header.ts';
import type { ResolvedImageSpec } from '../shared/specs.ts';
import type { ModuleWorkerPool } from '../pool/worker-pool.ts';
import type { EncodedVariant, Variant } from '../shared/variant.ts';
import type { WorkerProgress } from '../shared/worker-protocol.ts';
import type { CacheLookup, IndexedDbCache } from '../cache/indexeddb-cache.ts';
import type { CacheEvent } from '../cache/events.ts';

export interface ReadThroughJob {
  file: Blob;
  header: ImageHeader;
  /** Hex SHA-256 of the file, computed once by the caller and shared with later (lazy) jobs. */
  sha256: Promise<string>;
  /** Undefined: no cache, the worker starts at once, in parallel with hashing. */
  cache: IndexedDbCache | undefined;
  /** Asked for only when something missed. */
  pool: () => ModuleWorkerPool;
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
    const [sha256, fingerprints] = await Promise.all([job.sha256, fingerprinting]);
    // The lookup may wait for a slow database open (up to its timeout): abort must not.
    found = await abortable(cache.lookup(sha256, fingerprints, cacheOptions), job.signal, 'processing');
  }
  const missing = found ? await filterMissing(specs, fingerprinting, found) : specs;
  const [sha256, fingerprints, worked] = await Promise.all([
    job.sha256,
    fingerprinting,
    missing.length === 0
      ? undefined
      : job.pool().run(
          { file: job.file, header: job.header, specs: [...missing] },
          {
            ...(job.signal ? { signal: job.signal } : {}),
            ...(job.onProgress ? { onProgress: job.onProgress } : {}),
          },
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
        ...(encoded.quality === undefined ? {} : { quality: encoded.quality }),
      };
    }
    const hit = found!.variants.get(fingerprint)!;
    return {
      blob: hit.blob,
      width: hit.width,
      height: hit.height,
      type: hit.type,
      bytes: hit.bytes,
      fingerprint,
      fromCache: true,
      ...(hit.quality === undefined ? {} : { quality: hit.quality }),
    };
  });
  // A lookup with hits always carries the source's size, so one of the two is there.
  const sourceSize = worked ? { width: worked.width, height: worked.height } : found!.source!;

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
        ...(variant.quality === undefined ? {} : { quality: variant.quality }),
      };
    });
    // Awaited, so that once processImage resolves, the next call (in any tab) hits.
    await cache.store({ sha256, ...sourceSize }, toStore, cacheOptions);
  }
  return { sourceSize, variants };
}

async function filterMissing(
  specs: readonly ResolvedImageSpec[],
  fingerprinting: Promise<string[]>,
  found: CacheLookup,
) {
  const fingerprints = await fingerprinting;
  return specs.filter((_, index) => !found.variants.has(fingerprints[index]!));
}
