// Looks up and stores variants by source hash and spec fingerprint in IndexedDB, reports usage,
// forgets. Every failure becomes an event and a miss; nothing here rejects.
import { fingerprintSpec } from '../shared/fingerprint.ts';
import { resolveSpecs, type Spec } from '../shared/specs.ts';
import { variantExtras, type CachedVariant, type Variant } from '../shared/variant.ts';
import { resolveBudget, type EntryTally } from './budget.ts';
import type { CacheEvent } from './events.ts';
import { CacheStalled, describeError, GuardedConnection, isQuotaError } from './guarded-connection.ts';
import { storagePersistence } from './persistence.ts';
import { DEFAULT_DATABASE_NAME, type CacheDatabase } from './schema.ts';
import { unlinkFile } from './file-keys.ts';
import { readCandidate, readVariants, type ReadResult } from './reads.ts';
import { clearAll, deleteSource, evictBytes, readUsage, writeVariant } from './store.ts';
import type { CacheUsage, VariantCache, VariantCacheOptions } from './variant-cache.ts';

/** Per call: events caused by this call also go here. */
export interface CacheCallOptions {
  onEvent?: ((event: CacheEvent) => void) | undefined;
}

export interface CacheLookup {
  /** False when the database could not be used (reported as an `unavailable` event): storing after would be pointless. */
  available: boolean;
  /**
   * The source's hash and its size as displayed (after EXIF orientation), as stored with its
   * variants. Undefined when the cache knows nothing of this source; `variants` is then empty.
   */
  source: { sha256: string; width: number; height: number; type?: string; orientation?: number } | undefined;
  /** The hits, by fingerprint. */
  variants: Map<string, CachedVariant>;
}

/** A variant to store; `spec` only names it in events. */
export type VariantToStore = Omit<CachedVariant, 'bytes'> & { spec?: string };

/** The source a variant was made from: its hash, and its size as displayed. */
export interface SourceToStore {
  sha256: string;
  width: number;
  height: number;
  /** The file it was picked as (`fileKey`), remembered so that picking it again finds it at once. */
  file?: string | undefined;
  /** Its format and EXIF orientation, remembered so that picking it again need not read it. */
  type: string;
  orientation: number;
}

/** Per lookup by hash: the file the source was picked as, remembered as in `SourceToStore`. */
export interface LookupOptions extends CacheCallOptions {
  file?: string | undefined;
}

/** The IndexedDB cache behind a `VariantCache` handle, with the calls the pipeline makes. */
export class IndexedDbCache implements VariantCache {
  readonly #connection: GuardedConnection;
  readonly #options: VariantCacheOptions;
  #budget: Promise<number> | undefined;
  #persistAsked = false;

  constructor(options: VariantCacheOptions = {}) {
    this.#options = options;
    this.#connection = new GuardedConnection(
      options.databaseName ?? DEFAULT_DATABASE_NAME,
      options.openTimeout ?? 3000,
      options.operationTimeout ?? 5000,
    );
  }

  /** The cached variants of `sourceHash` among `fingerprints`, each marked as just used. */
  lookup(sourceHash: string, fingerprints: readonly string[], options: LookupOptions = {}): Promise<CacheLookup> {
    return this.#read((db) => readVariants(db, sourceHash, fingerprints, options.file), options);
  }

  /**
   * The source last picked as `file` (a `fileKey`) and its cached variants among `fingerprints`:
   * found before the file is hashed, so a candidate only. Its `source.sha256` must equal the
   * file's before any of it is used; `lookup` answers otherwise.
   */
  lookupFile(file: string, fingerprints: readonly string[], options: CacheCallOptions = {}): Promise<CacheLookup> {
    return this.#read((db) => readCandidate(db, file, fingerprints), options);
  }

  /**
   * Forgets that `file` (a `fileKey`) names `sourceHash`: a file picked under that key turned out
   * to hold other bytes. Failures only leave the link, which the next pick checks again.
   */
  async forgetFile(file: string, sourceHash: string): Promise<void> {
    const db = await this.#database({});
    if (!db) return;
    await this.#connection.guard(unlinkFile(db, file, sourceHash), 'forgetting a file').catch(() => {});
  }

  async #read(work: (db: CacheDatabase) => Promise<ReadResult>, options: CacheCallOptions): Promise<CacheLookup> {
    const miss: CacheLookup = { available: true, source: undefined, variants: new Map() };
    const db = await this.#database(options);
    if (!db) return { ...miss, available: false };
    try {
      const { source, hits } = await this.#connection.guard(work(db), 'a lookup');
      // Variants without their source's size cannot answer a full hit: treat them as missing.
      if (!source) return miss;
      const variants = new Map<string, CachedVariant>();
      for (const [fingerprint, { entry, blob }] of hits) {
        variants.set(fingerprint, {
          fingerprint,
          blob,
          width: entry.width,
          height: entry.height,
          type: entry.type,
          bytes: entry.bytes,
          ...variantExtras(entry),
        });
      }
      return {
        available: true,
        source: {
          sha256: source.source,
          width: source.width,
          height: source.height,
          ...(source.type === undefined ? {} : { type: source.type }),
          ...(source.orientation === undefined ? {} : { orientation: source.orientation }),
        },
        variants,
      };
    } catch (error) {
      this.#report(
        { type: 'failed', operation: 'lookup', message: `cache lookup failed: ${describeError(error)}`, error },
        options,
      );
      // After a stall, storing would only wait behind it.
      return { ...miss, available: !(error instanceof CacheStalled) };
    }
  }

  /**
   * Stores variants of one source, evicting the least recently used beyond the budget. A full
   * quota evicts and retries once, then skips that variant; a variant that another call stored
   * first is kept as it is.
   */
  async store(
    source: SourceToStore,
    variants: readonly VariantToStore[],
    options: CacheCallOptions = {},
  ): Promise<void> {
    if (variants.length === 0) return;
    const db = await this.#database(options);
    if (!db) return;
    const budget = await this.#resolvedBudget();
    const { sha256, width, height, type, orientation } = source;
    const record = { source: sha256, width, height, type, orientation };
    let file = source.file;
    // Set once the database is given up on: the remaining variants are not tried.
    let givenUp: { error: unknown } | undefined;
    for (const variant of variants) {
      const skip = (reason: 'quota' | 'over-budget' | 'write-failed', message: string, error?: unknown) =>
        this.#report(
          {
            type: 'skipped',
            reason,
            source: source.sha256,
            fingerprint: variant.fingerprint,
            bytes: variant.blob.size,
            ...(variant.spec === undefined ? {} : { spec: variant.spec }),
            message: `not cached: ${variant.spec === undefined ? 'a variant' : `"${variant.spec}"`} (${variant.blob.size} bytes) ${message}`,
            ...(error === undefined ? {} : { error }),
          },
          options,
        );
      const write = () => this.#connection.guard(writeVariant(db, record, variant, budget, file), 'a write');
      try {
        if (givenUp) throw givenUp.error;
        let outcome;
        try {
          outcome = await write();
        } catch (error) {
          if (!isQuotaError(error)) throw error;
          this.#reportEvicted(await this.#connection.guard(evictBytes(db, variant.blob.size), 'an eviction'), options);
          outcome = await write();
        }
        if (outcome.kind === 'over-budget')
          skip('over-budget', `is larger than the whole cache budget of ${budget} bytes`);
        if (outcome.kind === 'stored') {
          this.#reportEvicted(outcome.evicted, options);
          file = undefined; // remembered once
        }
      } catch (error) {
        if (isQuotaError(error)) skip('quota', "because the origin's storage quota is full", error);
        else skip('write-failed', `because the write failed: ${describeError(error)}`, error);
        givenUp ??= await this.#connection.giveUpAfter(db, error);
      }
    }
  }

  /** The version of `sourceHash` that `spec` makes, if cached; see `VariantCache.get`. */
  async get(sourceHash: string, spec: Spec): Promise<Variant | null> {
    const [resolved] = resolveSpecs({ spec });
    if (resolved?.kind !== 'image') return null;
    const fingerprint = await fingerprintSpec(resolved);
    const hit = (await this.lookup(sourceHash, [fingerprint])).variants.get(fingerprint);
    return hit ? { ...hit, fromCache: true } : null;
  }

  /** Bytes and entries held, against the budget. */
  async usage(): Promise<CacheUsage> {
    const [db, budget, persisted] = await Promise.all([
      this.#database({}),
      this.#resolvedBudget(),
      storagePersistence('persisted'),
    ]);
    const empty = { available: false, bytes: 0, entries: 0, budget, persisted };
    if (!db) return empty;
    try {
      return { available: true, ...(await this.#connection.guard(readUsage(db), 'reading usage')), budget, persisted };
    } catch (error) {
      this.#report(
        {
          type: 'failed',
          operation: 'usage',
          message: `cache usage could not be read: ${describeError(error)}`,
          error,
        },
        {},
      );
      return empty;
    }
  }

  /** Forgets every variant of every source. */
  async clear(): Promise<void> {
    const db = await this.#database({});
    if (!db) return;
    try {
      await this.#connection.guard(clearAll(db), 'clearing');
    } catch (error) {
      this.#report(
        { type: 'failed', operation: 'clear', message: `cache could not be cleared: ${describeError(error)}`, error },
        {},
      );
    }
  }

  /**
   * Forgets every variant of one source (`result.source.sha256`).
   * @returns how many variants were forgotten
   */
  async delete(sourceHash: string): Promise<number> {
    const db = await this.#database({});
    if (!db) return 0;
    try {
      return (await this.#connection.guard(deleteSource(db, sourceHash), 'a delete')).entries;
    } catch (error) {
      this.#report(
        {
          type: 'failed',
          operation: 'delete',
          message: `cache could not forget ${sourceHash}: ${describeError(error)}`,
          error,
        },
        {},
      );
      return 0;
    }
  }

  /** Closes the database connection; the cache then acts as unavailable. */
  close(): void {
    this.#connection.close();
  }

  async #database(options: CacheCallOptions): Promise<CacheDatabase | undefined> {
    const db = await this.#connection.open((event) => this.#report(event, options));
    if (db) this.#askPersistence();
    return db;
  }

  #resolvedBudget(): Promise<number> {
    this.#budget ??= resolveBudget(this.#options.budget);
    return this.#budget;
  }

  #askPersistence(): void {
    if (!this.#options.persist || this.#persistAsked) return;
    this.#persistAsked = true;
    void storagePersistence('persist').then((persisted) => this.#report({ type: 'persisted', persisted }, {}));
  }

  #reportEvicted(evicted: EntryTally, options: CacheCallOptions): void {
    if (evicted.entries > 0) this.#report({ type: 'evicted', ...evicted }, options);
  }

  /** Tells this cache's listener and the call's of something the pipeline found out. */
  report(event: CacheEvent, options: CacheCallOptions): void {
    this.#report(event, options);
  }

  #report(event: CacheEvent, options: CacheCallOptions): void {
    for (const listener of [this.#options.onEvent, options.onEvent]) {
      try {
        listener?.(event);
      } catch (error) {
        // A listener's bug must not fail processing, nor vanish: the console shows it.
        globalThis.reportError?.(error);
      }
    }
  }
}
