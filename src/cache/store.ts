// The cache's reads and writes, each one IndexedDB transaction so that two tabs working on the
// same photo at once are serialised by the browser and the running byte total never drifts.
import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import { evictLeastRecentlyUsed, type EntryTally } from './budget.ts';
import { entryKey, type CacheDatabase, type CacheEntry, type CacheSchema, type SourceRecord } from './schema.ts';
import { variantExtras, type Placeholder } from '../shared/variant.ts';

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
  placeholder?: Placeholder;
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

/** How many file keys one source remembers: a photo picked again from a few copies or names. */
const FILES_PER_SOURCE = 4;

type ReadTransaction = IDBPTransaction<CacheSchema, ('entries' | 'blobs' | 'sources')[], 'readwrite'>;

/**
 * Reads the variants of `source` that are cached, marking each as just used. With `file`, the
 * source remembers it was picked as that file (see `readCandidate`), in the background.
 */
export async function readVariants(
  db: CacheDatabase,
  source: string,
  fingerprints: readonly string[],
  file?: string,
): Promise<ReadResult> {
  const tx = db.transaction(['entries', 'blobs', 'sources'], 'readwrite');
  const [record, hits] = await Promise.all([tx.objectStore('sources').get(source), readHits(tx, source, fingerprints)]);
  // Like the stamps below, in the background: a failure only leaves the next pick slower.
  if (record && file !== undefined && record.files?.[0] !== file)
    rememberFile(tx.objectStore('sources'), record, file).catch(() => {});
  // The hits are known once read: the last-access stamps commit in the background rather than
  // keep a full hit waiting on a disk write. A failed commit only leaves older stamps.
  tx.done.catch(() => {});
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
  const tx = db.transaction(['entries', 'blobs', 'sources'], 'readwrite');
  const record = await tx.objectStore('sources').index('by-file').get(file);
  const hits = record ? await readHits(tx, record.source, fingerprints) : new Map<string, StoredVariant>();
  tx.done.catch(() => {});
  return { source: record, hits };
}

async function readHits(
  tx: ReadTransaction,
  source: string,
  fingerprints: readonly string[],
): Promise<Map<string, StoredVariant>> {
  const entries = tx.objectStore('entries');
  const blobs = tx.objectStore('blobs');
  const now = stamp();
  const found = await Promise.all(
    fingerprints.map(async (fingerprint): Promise<StoredVariant | undefined> => {
      const key = entryKey(source, fingerprint);
      const [entry, blob] = await Promise.all([entries.get(key), blobs.get(key)]);
      if (!entry || !blob) return undefined;
      entry.lastAccess = now;
      await entries.put(entry);
      return { entry, blob };
    }),
  );
  const hits = new Map<string, StoredVariant>();
  for (const hit of found) if (hit) hits.set(hit.entry.fingerprint, hit);
  return hits;
}

/**
 * Puts `file` first among `record`'s file keys. A file key names one content at a time: a
 * source that held it before (the file changed on disk, keeping its name, size and time) drops it.
 */
async function rememberFile<Stores extends ArrayLike<StoreNames<CacheSchema>>>(
  sources: IDBPObjectStore<CacheSchema, Stores, 'sources', 'readwrite'>,
  record: SourceRecord,
  file: string,
): Promise<void> {
  const others = await sources.index('by-file').getAll(file);
  await Promise.all([
    ...others
      .filter((other) => other.source !== record.source)
      .map((other) => sources.put({ ...other, files: other.files!.filter((known) => known !== file) })),
    sources.put({ ...record, files: withFile(record.files, file) }),
  ]);
}

/** Drops `file` from the file keys of `source`, if it holds it. */
export async function unlinkFile(db: CacheDatabase, file: string, source: string): Promise<void> {
  const tx = db.transaction('sources', 'readwrite');
  const record = await tx.store.get(source);
  if (record?.files?.includes(file))
    await tx.store.put({ ...record, files: record.files.filter((known) => known !== file) });
  await tx.done;
}

function withFile(files: readonly string[] | undefined, file: string): string[] {
  return [file, ...(files ?? []).filter((known) => known !== file)].slice(0, FILES_PER_SOURCE);
}

/**
 * Stores one variant, first evicting the least recently used entries it needs room from. With
 * `file`, the source remembers it was picked as that file (see `readCandidate`).
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
