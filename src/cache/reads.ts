// The cache's lookups. Each reads in one `readonly` transaction: IndexedDB runs reads over the
// same stores side by side, while `readwrite` transactions over them run one after another, so
// a batch of files whose lookups wrote would each wait for the others' lookups and for the
// stores of finished files. What a lookup changes (the hits' last use, the file key a source was
// picked as) is written after it, in a transaction of its own that the lookup does not wait for.
import type { IDBPTransaction } from 'idb';
import { rememberFile } from './file-keys.ts';
import { entryKey, type CacheDatabase, type CacheEntry, type CacheSchema, type SourceRecord } from './schema.ts';
import { stamp } from './stamp.ts';

export interface StoredVariant {
  entry: CacheEntry;
  blob: Blob;
}

export interface ReadResult {
  /** Undefined when this source was never stored (or was forgotten). */
  source: SourceRecord | undefined;
  /** By fingerprint. */
  hits: Map<string, StoredVariant>;
}

type ReadTransaction = IDBPTransaction<CacheSchema, ('entries' | 'blobs' | 'sources')[], 'readonly'>;

/**
 * Reads the variants of `source` that are cached, marking each as just used. With `file`, the
 * source remembers it was picked as that file (see `readCandidate`).
 */
export async function readVariants(
  db: CacheDatabase,
  source: string,
  fingerprints: readonly string[],
  file?: string,
): Promise<ReadResult> {
  const now = stamp();
  const tx = db.transaction(['entries', 'blobs', 'sources'], 'readonly');
  tx.done.catch(ignoreReadFailure);
  const [record, hits] = await Promise.all([tx.objectStore('sources').get(source), readHits(tx, source, fingerprints)]);
  const newFile = record && file !== undefined && record.files?.[0] !== file ? file : undefined;
  recordUse(db, source, [...hits.keys()], now, newFile);
  return { source: record, hits };
}

/**
 * The source last picked as `file` (a `fileKey`) and its cached variants among `fingerprints`,
 * each marked as just used: found without the file's bytes, so a candidate only. Its variants
 * are the source's own (keyed by its hash), so once the file's bytes hash to `source.source`
 * they are exactly what `readVariants` would have found.
 */
export async function readCandidate(
  db: CacheDatabase,
  file: string,
  fingerprints: readonly string[],
): Promise<ReadResult> {
  const now = stamp();
  const tx = db.transaction(['entries', 'blobs', 'sources'], 'readonly');
  tx.done.catch(ignoreReadFailure);
  const record = await tx.objectStore('sources').index('by-file').get(file);
  const hits = record ? await readHits(tx, record.source, fingerprints) : new Map<string, StoredVariant>();
  if (record) recordUse(db, record.source, [...hits.keys()], now);
  return { source: record, hits };
}

/** A read-only transaction has nothing to commit: a failure shows in the request that failed. */
function ignoreReadFailure(): void {}

async function readHits(
  tx: ReadTransaction,
  source: string,
  fingerprints: readonly string[],
): Promise<Map<string, StoredVariant>> {
  const entries = tx.objectStore('entries');
  const blobs = tx.objectStore('blobs');
  const found = await Promise.all(
    fingerprints.map(async (fingerprint): Promise<StoredVariant | undefined> => {
      const key = entryKey(source, fingerprint);
      const [entry, blob] = await Promise.all([entries.get(key), blobs.get(key)]);
      return entry && blob ? { entry, blob } : undefined;
    }),
  );
  const hits = new Map<string, StoredVariant>();
  for (const hit of found) if (hit) hits.set(hit.entry.fingerprint, hit);
  return hits;
}

/**
 * Stamps the hits `fingerprints` of `source` as used at `now`, the lookup's time, and with
 * `file` puts that file key first among the source's, in the background: a failure only leaves
 * older stamps or the next pick slower, and never reaches the lookup. The transaction is opened
 * before the lookup resolves, so whatever the caller stores next (which may evict) comes after
 * it: IndexedDB runs `readwrite` transactions over the same stores in the order they were made.
 */
function recordUse(db: CacheDatabase, source: string, fingerprints: string[], now: number, file?: string): void {
  if (fingerprints.length > 0 || file !== undefined) writeUse(db, source, fingerprints, now, file).catch(() => {});
}

async function writeUse(
  db: CacheDatabase,
  source: string,
  fingerprints: readonly string[],
  now: number,
  file: string | undefined,
): Promise<void> {
  // Made before the first await: see recordUse.
  const tx = db.transaction(['entries', 'sources'], 'readwrite');
  const entries = tx.objectStore('entries');
  const sources = tx.objectStore('sources');
  // Read again, not written from the lookup's copies: since then an entry may have been evicted
  // (it must not come back without its blob) or used again later (its newer stamp stays).
  const writes = fingerprints.map(async (fingerprint) => {
    const entry = await entries.get(entryKey(source, fingerprint));
    if (entry && entry.lastAccess < now) await entries.put({ ...entry, lastAccess: now });
  });
  if (file !== undefined) {
    writes.push(
      (async () => {
        // Gone when its last entry was evicted meanwhile: nothing left to find by this file.
        const record = await sources.get(source);
        if (record && record.files?.[0] !== file) await rememberFile(sources, record, file);
      })(),
    );
  }
  await Promise.all([...writes, tx.done]);
}
