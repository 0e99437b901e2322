import { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import { IndexedDbCache } from './indexeddb-cache.ts';
import type { VariantCache, VariantCacheOptions } from './variant-cache.ts';

/**
 * A cache of processed variants; see `VariantCache`. Nothing is opened until first use.
 *
 * @example
 * const cache = openCache({ budget: 100 * 1024 * 1024, persist: true });
 * await processImage(file, specs, { cache });
 */
export function openCache(options: VariantCacheOptions = {}): VariantCache {
  return new IndexedDbCache(options);
}

/** The cache behind a handle: only caches made by `openCache` can be read through. */
export function cacheStore(cache: VariantCache): IndexedDbCache {
  if (cache instanceof IndexedDbCache) return cache;
  throw new ImageSpecError('INVALID_OPTIONS', 'invalid options: cache must be made by openCache(), or false');
}

let shared: IndexedDbCache | undefined;

/** The cache `processImage` uses unless given another (or `cache: false`), made on first call. */
export function defaultCache(): IndexedDbCache {
  shared ??= new IndexedDbCache();
  return shared;
}
