// Whether this browser context can store a Blob in IndexedDB at all, asked after a write failed.
import type { CacheDatabase } from './schema.ts';

/** Never read: the probe's transaction is aborted whatever happens. */
const PROBE_KEY = '\u0000imagespec-blob-probe';

/**
 * WebKit's ephemeral sessions (Safari's private browsing, and every WebDriver session of
 * WebKitGTK) refuse every Blob: "UnknownError: Error preparing Blob/File data to be stored in
 * object store". Worse, when that put was issued while an earlier request of its transaction was
 * still pending, WebKit neither commits nor aborts the transaction, and every later transaction
 * on its stores waits behind it forever (WebKitGTK 2.50): the cache's writes therefore put the
 * blob first. A lone put in a transaction of its own fails cleanly, so after a failed write the
 * cache asks that way, and aborts: nothing is written either way. (Asked up front, on every
 * page, it would cost healthy browsers a blob write each time.)
 *
 * @returns the browser's refusal, or undefined when Blobs can be stored (a full quota is not a
 * refusal: evicting makes room)
 */
export async function blobRefusal(db: CacheDatabase): Promise<{ error: unknown } | undefined> {
  const tx = db.transaction('blobs', 'readwrite');
  // Aborted on success, aborted by the browser on failure: the outcome is the put's.
  tx.done.catch(() => {});
  try {
    await tx.store.put(new Blob([new Uint8Array(1)]), PROBE_KEY);
    tx.abort();
    return undefined;
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    return name === 'QuotaExceededError' ? undefined : { error: tx.error ?? error };
  }
}
