// The public face of the cache: its options, what it reports, and the handle `openCache` gives.
import type { Spec } from '../shared/specs.ts';
import type { Variant } from '../shared/variant.ts';
import type { CacheEvent } from './events.ts';

export type { CacheEvent } from './events.ts';

export interface VariantCacheOptions {
  /** The IndexedDB database name; give two caches different names to keep them apart. @default 'imagespec-cache' */
  databaseName?: string;
  /**
   * Bytes of variants to keep; beyond it the least recently used go first.
   * @default 10% of `navigator.storage.estimate().quota`, at most 1 GiB; 50 MiB where the estimate is unavailable
   */
  budget?: number;
  /** Milliseconds to wait for the database to open before going without a cache (another tab may block an upgrade forever). @default 3000 */
  openTimeout?: number;
  /**
   * Milliseconds one lookup or write may take. One that neither finishes nor fails in time (a
   * browser bug, another tab's endless transaction) would hold every later one: the cache then
   * goes without its database for the rest of the page (`unavailable`, reason `stalled`).
   * @default 5000
   */
  operationTimeout?: number;
  /** Ask the browser to make the origin's storage persistent (`navigator.storage.persist()`); the answer is reported as a `persisted` event. @default false */
  persist?: boolean;
  /** Called for every `CacheEvent` of this cache, whoever caused it. */
  onEvent?: (event: CacheEvent) => void;
}

export interface CacheUsage {
  /** False when the database could not be opened: everything else is then zero. */
  available: boolean;
  bytes: number;
  entries: number;
  budget: number;
  /** Whether the browser will keep the origin's storage under pressure (`navigator.storage.persisted()`). */
  persisted: boolean;
}

/**
 * Processed variants in IndexedDB, keyed by the SHA-256 of the source's bytes and the spec's
 * fingerprint: the same photo under another name hits, a changed spec misses. Holds at most a
 * byte budget, evicting the least recently used. The database opens on first use, not before.
 *
 * An optimisation only: when IndexedDB is missing, refuses, is blocked by another tab, cannot
 * store Blobs (private browsing in Safari), stalls, or the quota is full, every call resolves
 * (lookups as misses) within the timeouts and the cause is reported as a `CacheEvent`.
 *
 * @example
 * const cache = openCache({ budget: 200 * 1024 * 1024, onEvent: console.info });
 * const result = await processImage(file, specs, { cache });
 * console.log(result.variants.thumbnail.fromCache, await cache.usage());
 */
export interface VariantCache {
  /**
   * The version of one source that `spec` makes, read from the cache without the file: for a
   * page that knows a photo only by its hash, such as a gallery listing photos from its server.
   * Null on a miss, for an original (never cached) and when the cache is unavailable. Counts as
   * a use. Rejects only for a spec that is not valid (`INVALID_SPEC`).
   *
   * @example
   * const thumbnail = await cache.get(stored.source.sha256, specs.thumbnail);
   * img.src = thumbnail ? URL.createObjectURL(thumbnail.blob) : stored.versions.thumbnail.url;
   */
  get(sourceHash: string, spec: Spec): Promise<Variant | null>;
  /** Bytes and entries held, against the budget. */
  usage(): Promise<CacheUsage>;
  /** Forgets every variant of every source. */
  clear(): Promise<void>;
  /**
   * Forgets every variant of one source (`result.source.sha256`).
   * @returns how many variants were forgotten
   */
  delete(sourceHash: string): Promise<number>;
  /** Closes the database connection; the cache then acts as unavailable. */
  close(): void;
}
