// How many bytes the cache may hold, and who leaves when it is full: least recently used first.
import type { IDBPTransaction } from 'idb';
import type { CacheSchema } from './schema.ts';

/** The share of the origin's quota the cache takes by default. */
export const DEFAULT_BUDGET_FRACTION = 0.1;
/** No more than this by default, however large the disk: the cache is an optimisation. */
export const DEFAULT_BUDGET_CAP = 1024 * 1024 * 1024;
/** Where `navigator.storage.estimate()` is missing or fails. */
export const FALLBACK_BUDGET = 50 * 1024 * 1024;

/** The byte budget: the one asked for, or a fraction of what the browser says the origin may use. */
export async function resolveBudget(budget: number | undefined): Promise<number> {
  if (budget !== undefined) return Math.max(0, budget);
  try {
    const { quota } = (await globalThis.navigator?.storage?.estimate?.()) ?? {};
    if (typeof quota === 'number' && quota > 0)
      return Math.min(Math.floor(quota * DEFAULT_BUDGET_FRACTION), DEFAULT_BUDGET_CAP);
  } catch {
    // Some embedded browsers reject estimate(); the fallback is as good a guess as any.
  }
  return FALLBACK_BUDGET;
}

/** A number of entries and the bytes they hold. */
export interface EntryTally {
  entries: number;
  bytes: number;
}

/** A transaction that may evict: it must span every store an entry lives in. */
export type EvictingTransaction = IDBPTransaction<
  CacheSchema,
  ('entries' | 'blobs' | 'sources' | 'meta')[],
  'readwrite'
>;

/**
 * Deletes the least recently used entries until at least `bytesToFree` are gone (none when it is
 * 0 or less), with their blobs, and the source records left with no entry. The caller updates the
 * running total, in the same transaction.
 */
export async function evictLeastRecentlyUsed(tx: EvictingTransaction, bytesToFree: number): Promise<EntryTally> {
  const evicted: EntryTally = { entries: 0, bytes: 0 };
  if (bytesToFree <= 0) return evicted;
  const sources = new Set<string>();
  let cursor = await tx.objectStore('entries').index('by-last-access').openCursor();
  while (cursor && evicted.bytes < bytesToFree) {
    const entry = cursor.value;
    await Promise.all([cursor.delete(), tx.objectStore('blobs').delete(entry.key)]);
    evicted.entries++;
    evicted.bytes += entry.bytes;
    sources.add(entry.source);
    cursor = await cursor.continue();
  }
  for (const source of sources) {
    if ((await tx.objectStore('entries').index('by-source').count(source)) === 0)
      await tx.objectStore('sources').delete(source);
  }
  return evicted;
}
