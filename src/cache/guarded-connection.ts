// The cache's hold on its database: opened on first use, every operation given a deadline, and
// given up on for the rest of the page where using it again could only stall or fail the same
// way. What a failure means for a call (a miss, a skipped write) is the caller's to say.
import { blobRefusal } from './blob-probe.ts';
import { withDeadline } from './deadline.ts';
import type { CacheEvent } from './events.ts';
import { CacheConnection } from './open.ts';
import type { CacheDatabase } from './schema.ts';

/** A database operation that took longer than `operationTimeout`. */
export class CacheStalled extends Error {
  override name = 'CacheStalled';
}

export function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError';
}

/** An error as a message names it: `Name: message`. */
export function describeError(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return `${error.name}: ${error.message}`;
  return String(error);
}

export class GuardedConnection {
  readonly #connection: CacheConnection;
  readonly #operationTimeout: number;

  constructor(databaseName: string, openTimeout: number, operationTimeout: number) {
    this.#connection = new CacheConnection(databaseName, openTimeout);
    this.#operationTimeout = operationTimeout;
  }

  /** The open database, or undefined after reporting why there is none (an `unavailable` event). */
  async open(report: (event: CacheEvent) => void): Promise<CacheDatabase | undefined> {
    const connection = await this.#connection.get();
    if ('db' in connection) return connection.db;
    const { reason, message, error } = connection.unavailable;
    report({ type: 'unavailable', reason, message, ...(error === undefined ? {} : { error }) });
    return undefined;
  }

  /**
   * `work` on the database, or a `CacheStalled` error once it has taken longer than
   * `operationTimeout`; the database is then given up on for this page, since every later
   * transaction on the same stores would wait behind the stalled one.
   */
  guard<T>(work: Promise<T>, what: string): Promise<T> {
    return withDeadline(work, this.#operationTimeout, () => {
      const message = `cache unavailable: ${what} neither finished nor failed within ${this.#operationTimeout} ms`;
      this.#connection.abandon({ reason: 'stalled', message });
      throw new CacheStalled(message);
    });
  }

  /**
   * After a failed write: gives up on the database when it stalled, or when it refuses every
   * Blob (asked with a lone probe, since a failed write does not say why). Other failures (one
   * unreadable blob, a full disk) leave the cache to the next call.
   * @returns what the remaining writes of this call fail with, when given up on
   */
  async giveUpAfter(db: CacheDatabase, error: unknown): Promise<{ error: unknown } | undefined> {
    if (error instanceof CacheStalled) return { error };
    if (isQuotaError(error)) return undefined;
    let refusal: { error: unknown } | undefined;
    try {
      refusal = await this.guard(blobRefusal(db), 'a probe');
    } catch (stalled) {
      return { error: stalled };
    }
    if (!refusal) return undefined;
    this.#connection.abandon({
      reason: 'blobs-refused',
      message: `cache unavailable: this browser refuses to store Blobs in IndexedDB (a private browsing session?): ${describeError(refusal.error)}`,
      error: refusal.error,
    });
    return refusal;
  }

  /** Closes the connection; later calls find the cache unavailable. */
  close(): void {
    this.#connection.close();
  }
}
