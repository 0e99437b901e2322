// The shape of the cache's IndexedDB database, in one place: bump CACHE_DB_VERSION and add a
// step to `upgradeCacheSchema` whenever a store or an index changes.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Placeholder } from '../shared/variant.ts';

/** The database a cache opens unless told another name. */
export const DEFAULT_DATABASE_NAME = 'imagespec-cache';

/**
 * The schema version passed to `indexedDB.open`. A tab running an older version is asked to
 * close its connection (`versionchange`) when a newer one upgrades.
 */
export const CACHE_DB_VERSION = 2;

/** What is known of one cached variant, without its pixels. */
export interface CacheEntry {
  /** `${source}:${fingerprint}`: what the image is, then what the spec does. */
  key: string;
  /** Lower-case hex SHA-256 of the source file's bytes. */
  source: string;
  /** The spec's fingerprint (`fingerprintSpec`). */
  fingerprint: string;
  width: number;
  height: number;
  /** MIME type of the blob. */
  type: string;
  bytes: number;
  /** The encoder quality the variant was made at, when a byte target chose it. */
  quality?: number;
  /** The variant's placeholder, when its spec asked for one. */
  placeholder?: Placeholder;
  /** `Date.now()` when stored. */
  createdAt: number;
  /** `Date.now()` when last stored or read: the least recent goes first when over budget. */
  lastAccess: number;
}

/**
 * What a full cache hit must still answer about the source without decoding it: its size as
 * displayed (after EXIF orientation). One small record per source, deleted with its last entry.
 */
export interface SourceRecord {
  source: string;
  width: number;
  height: number;
  /**
   * The file keys (`fileKey`) this source was last picked under, most recent first: a file
   * found here is only a candidate until its bytes hash to `source`. Absent in version 1 records.
   */
  files?: string[];
  /**
   * The source's format and EXIF orientation, from its header: with them, a file found by its
   * file key is answered without reading it (see served-early.ts). Absent in older records.
   */
  type?: string;
  orientation?: number;
}

export interface CacheSchema extends DBSchema {
  // Entries and blobs live apart so that touching `lastAccess` on every hit rewrites a few
  // bytes, not the image, and the LRU walk over `by-last-access` never loads a blob.
  entries: {
    key: string;
    value: CacheEntry;
    indexes: { 'by-last-access': number; 'by-source': string };
  };
  blobs: { key: string; value: Blob };
  sources: { key: string; value: SourceRecord; indexes: { 'by-file': string } };
  // The running byte total, kept in the same transactions as the writes it counts, so that
  // two tabs writing at once cannot make it drift and the budget check never scans the store.
  meta: { key: 'usage'; value: number };
}

export type CacheDatabase = IDBPDatabase<CacheSchema>;

/** The key of one variant of one source. */
export function entryKey(source: string, fingerprint: string): string {
  return `${source}:${fingerprint}`;
}

/** Brings a database at `oldVersion` to `CACHE_DB_VERSION`, one version step at a time. */
export function upgradeCacheSchema(
  db: CacheDatabase,
  oldVersion: number,
  tx: IDBPTransaction<CacheSchema, StoreNames<CacheSchema>[], 'versionchange'>,
): void {
  if (oldVersion < 1) {
    const entries = db.createObjectStore('entries', { keyPath: 'key' });
    entries.createIndex('by-last-access', 'lastAccess');
    entries.createIndex('by-source', 'source');
    db.createObjectStore('blobs');
    db.createObjectStore('sources', { keyPath: 'source' });
    db.createObjectStore('meta');
  }
  if (oldVersion < 2) {
    // Version 2: a source found by the file it was picked as, before that file is hashed.
    tx.objectStore('sources').createIndex('by-file', 'files', { multiEntry: true });
  }
}
