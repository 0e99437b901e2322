// The cache's writes, each one IndexedDB transaction so that two tabs working on the same photo
// at once are serialised by the browser and the running byte total never drifts. The lookups,
// which only read, are in reads.ts.
import { evictLeastRecentlyUsed, type EntryTally } from './budget.ts';
import { rememberFile } from './file-keys.ts';
import { entryKey, type CacheDatabase, type CacheEntry, type SourceRecord } from './schema.ts';
import { stamp } from './stamp.ts';
import { variantExtras, type Placeholder } from '../shared/variant.ts';

export interface VariantRecord {
  fingerprint: string;
  blob: Blob;
  width: number;
  height: number;
  type: string;
  quality?: number;
  placeholder?: Placeholder;
}

export type WriteOutcome =
  | { kind: 'stored'; evicted: EntryTally }
  /** Another call (maybe another tab) stored it first; that entry is kept and touched. */
  | { kind: 'existing' }
  | { kind: 'over-budget' };

/**
 * Stores one variant, first evicting the least recently used entries it needs room from. With
 * `file`, the source remembers it was picked as that file (see file-keys.ts).
 */
export async function writeVariant(
  db: CacheDatabase,
  source: SourceRecord,
  variant: VariantRecord,
  budget: number,
  file?: string,
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
  const sources = tx.objectStore('sources');
  // Read before evicting, which may delete it: the file keys it already holds are kept.
  const record: SourceRecord = { ...(await sources.get(source.source)), ...source };
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
    ...variantExtras(variant),
  };
  try {
    await Promise.all([
      // The blob first: WebKit wedges a transaction whose Blob it cannot store when an earlier
      // request of it is still pending (see blob-probe.ts); with the blob first, it aborts.
      tx.objectStore('blobs').put(variant.blob, key),
      entries.put(entry),
      file === undefined ? sources.put(record) : rememberFile(sources, record, file),
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
