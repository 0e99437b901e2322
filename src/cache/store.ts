// The cache's reads and writes, each one IndexedDB transaction so that two tabs working on the
// same photo at once are serialised by the browser and the running byte total never drifts.
import { evictLeastRecentlyUsed, type EntryTally } from './budget.ts';
import { entryKey, type CacheDatabase, type CacheEntry, type SourceRecord } from './schema.ts';

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

export interface VariantRecord {
  fingerprint: string;
  blob: Blob;
  width: number;
  height: number;
  type: string;
  quality?: number;
}

export type WriteOutcome =
  | { kind: 'stored'; evicted: EntryTally }
  /** Another call (maybe another tab) stored it first; that entry is kept and touched. */
  | { kind: 'existing' }
  | { kind: 'over-budget' };

let lastStamp = 0;

/** `Date.now()`, but strictly increasing within this page, so that LRU order has no ties. */
function stamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

/** Reads the variants of `source` that are cached, marking each as just used. */
export async function readVariants(
  db: CacheDatabase,
  source: string,
  fingerprints: readonly string[],
): Promise<ReadResult> {
  const tx = db.transaction(['entries', 'blobs', 'sources'], 'readwrite');
  const entries = tx.objectStore('entries');
  const blobs = tx.objectStore('blobs');
  const now = stamp();
  const [record, ...found] = await Promise.all([
    tx.objectStore('sources').get(source),
    ...fingerprints.map(async (fingerprint): Promise<StoredVariant | undefined> => {
      const key = entryKey(source, fingerprint);
      const [entry, blob] = await Promise.all([entries.get(key), blobs.get(key)]);
      if (!entry || !blob) return undefined;
      entry.lastAccess = now;
      await entries.put(entry);
      return { entry, blob };
    }),
  ]);
  // The hits are known once read: the last-access stamps commit in the background rather than
  // keep a full hit waiting on a disk write. A failed commit only leaves older stamps.
  tx.done.catch(() => {});
  const hits = new Map<string, StoredVariant>();
  for (const hit of found) if (hit) hits.set(hit.entry.fingerprint, hit);
  return { source: record, hits };
}

/** Stores one variant, first evicting the least recently used entries it needs room from. */
export async function writeVariant(
  db: CacheDatabase,
  source: SourceRecord,
  variant: VariantRecord,
  budget: number,
): Promise<WriteOutcome> {
  const tx = db.transaction(['entries', 'blobs', 'sources', 'meta'], 'readwrite');
  const entries = tx.objectStore('entries');
  const key = entryKey(source.source, variant.fingerprint);
  const bytes = variant.blob.size;
  const now = stamp();

  const existing = await entries.get(key);
  if (existing) {
    existing.lastAccess = now;
    await Promise.all([entries.put(existing), tx.done]);
    return { kind: 'existing' };
  }
  if (bytes > budget) {
    await tx.done;
    return { kind: 'over-budget' };
  }
  const usage = (await tx.objectStore('meta').get('usage')) ?? 0;
  const evicted = await evictLeastRecentlyUsed(tx, usage + bytes - budget);
  const entry: CacheEntry = {
    key,
    source: source.source,
    fingerprint: variant.fingerprint,
    width: variant.width,
    height: variant.height,
    type: variant.type,
    bytes,
    createdAt: now,
    lastAccess: now,
    ...(variant.quality === undefined ? {} : { quality: variant.quality }),
  };
  try {
    await Promise.all([
      entries.put(entry),
      tx.objectStore('blobs').put(variant.blob, key),
      tx.objectStore('sources').put(source),
      tx.objectStore('meta').put(usage - evicted.bytes + bytes, 'usage'),
      tx.done,
    ]);
  } catch (error) {
    // An aborted transaction fails its pending requests with a bare AbortError first; the reason
    // (QuotaExceededError, which the caller retries on) is on the transaction.
    throw tx.error ?? error;
  }
  return { kind: 'stored', evicted };
}

/** Evicts least recently used entries worth at least `bytes`: room made after a full quota. */
export async function evictBytes(db: CacheDatabase, bytes: number): Promise<EntryTally> {
  const tx = db.transaction(['entries', 'blobs', 'sources', 'meta'], 'readwrite');
  const usage = (await tx.objectStore('meta').get('usage')) ?? 0;
  const evicted = await evictLeastRecentlyUsed(tx, bytes);
  await Promise.all([tx.objectStore('meta').put(Math.max(0, usage - evicted.bytes), 'usage'), tx.done]);
  return evicted;
}

/** Forgets every variant of one source. */
export async function deleteSource(db: CacheDatabase, source: string): Promise<EntryTally> {
  const tx = db.transaction(['entries', 'blobs', 'sources', 'meta'], 'readwrite');
  const entries = await tx.objectStore('entries').index('by-source').getAll(source);
  const usage = (await tx.objectStore('meta').get('usage')) ?? 0;
  const bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  await Promise.all([
    ...entries.flatMap((entry) => [
      tx.objectStore('entries').delete(entry.key),
      tx.objectStore('blobs').delete(entry.key),
    ]),
    tx.objectStore('sources').delete(source),
    tx.objectStore('meta').put(Math.max(0, usage - bytes), 'usage'),
    tx.done,
  ]);
  return { entries: entries.length, bytes };
}

export async function clearAll(db: CacheDatabase): Promise<void> {
  const tx = db.transaction(['entries', 'blobs', 'sources', 'meta'], 'readwrite');
  await Promise.all([
    tx.objectStore('entries').clear(),
    tx.objectStore('blobs').clear(),
    tx.objectStore('sources').clear(),
    tx.objectStore('meta').put(0, 'usage'),
    tx.done,
  ]);
}

export async function readUsage(db: CacheDatabase): Promise<EntryTally> {
  const tx = db.transaction(['entries', 'meta'], 'readonly');
  const [bytes, entries] = await Promise.all([
    tx.objectStore('meta').get('usage'),
    tx.objectStore('entries').count(),
    tx.done,
  ]);
  return { bytes: bytes ?? 0, entries };
}
