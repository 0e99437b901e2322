// One lazily opened, memoised connection to the cache database that never hangs its caller:
// an open blocked by another tab is given up on after a timeout, and a connection that blocks a
// newer schema in another tab closes itself.
import { openDB } from 'idb';
import { withDeadline } from './deadline.ts';
import { CACHE_DB_VERSION, upgradeCacheSchema, type CacheDatabase, type CacheSchema } from './schema.ts';

/** Why there is no database to use. */
export type CacheUnavailableReason =
  /** No `indexedDB` in this context (some private modes, old embedded browsers). */
  | 'unsupported'
  /** `indexedDB.open` threw or failed: disabled storage, private mode, a newer schema already on disk. */
  | 'open-failed'
  /** Another tab holds an older version open and did not close it when asked. */
  | 'blocked'
  /** The open neither succeeded nor failed in time, without a `blocked` event. */
  | 'timeout'
  /** The database refuses to store Blobs (Safari's private browsing, WebKit's ephemeral sessions). */
  | 'blobs-refused'
  /** A read or a write neither finished nor failed in time: later ones would queue behind it. */
  | 'stalled';

export interface CacheUnavailable {
  reason: CacheUnavailableReason;
  message: string;
  error?: unknown;
}

export type Connection = { db: CacheDatabase } | { unavailable: CacheUnavailable };

type State =
  | { kind: 'idle' }
  | { kind: 'opening'; promise: Promise<Connection>; deadline: number; progress: { blocked: boolean } }
  | { kind: 'open'; db: CacheDatabase }
  | { kind: 'failed'; unavailable: CacheUnavailable };

const STORES = ['entries', 'blobs', 'sources', 'meta'] as const;

/**
 * The cache's connection. Nothing touches `indexedDB` until `get()` is first called.
 *
 * A blocked open cannot be cancelled, so after its timeout it is left pending: callers in the
 * meantime go without a cache at once (no second wait), and should the other tab let go, the
 * late connection is adopted.
 */
export class CacheConnection {
  readonly #name: string;
  readonly #timeout: number;
  #state: State = { kind: 'idle' };
  #closed = false;

  constructor(name: string, timeout: number) {
    this.#name = name;
    this.#timeout = timeout;
  }

  /** The open database, or why there is none. Never rejects; never waits past the timeout. */
  async get(): Promise<Connection> {
    const state = this.#state.kind === 'idle' ? this.#startOpening() : this.#state;
    switch (state.kind) {
      case 'open':
        return { db: state.db };
      case 'failed':
        return { unavailable: state.unavailable };
      case 'opening': {
        const remaining = state.deadline - Date.now();
        const late = (): Connection => ({ unavailable: timedOut(state.progress.blocked, this.#timeout) });
        return remaining <= 0 ? late() : withDeadline(state.promise, remaining, late);
      }
      default:
        throw new Error('unreachable');
    }
  }

  /**
   * Gives up on the database for the rest of the page, where using it again could only fail
   * the same way or wait behind a transaction that never ends.
   */
  abandon(unavailable: CacheUnavailable): void {
    if (this.#state.kind === 'open') this.#state.db.close();
    this.#state = { kind: 'failed', unavailable };
  }

  /** Closes the connection; a later `get()` reports the cache unavailable. */
  close(): void {
    this.#closed = true;
    if (this.#state.kind === 'open') this.#state.db.close();
    this.#state = {
      kind: 'failed',
      unavailable: { reason: 'open-failed', message: 'cache unavailable: the cache was closed' },
    };
  }

  #startOpening(): State {
    if (typeof indexedDB === 'undefined') {
      this.#state = {
        kind: 'failed',
        unavailable: { reason: 'unsupported', message: 'cache unavailable: this browser context has no IndexedDB' },
      };
      return this.#state;
    }
    const progress = { blocked: false };
    const deadline = Date.now() + this.#timeout;
    const promise = this.#open(progress).then(
      (db): Connection => {
        if (this.#closed || this.#state !== opening) {
          db.close(); // closed, or superseded while we waited
          return { unavailable: { reason: 'open-failed', message: 'cache unavailable: the cache was closed' } };
        }
        this.#state = { kind: 'open', db };
        return { db };
      },
      (error: unknown): Connection => {
        const unavailable: CacheUnavailable = {
          reason: 'open-failed',
          message: `cache unavailable: IndexedDB database "${this.#name}" could not be opened: ${describe(error)}`,
          error,
        };
        if (this.#state === opening) this.#state = { kind: 'failed', unavailable };
        return { unavailable };
      },
    );
    const opening: State = { kind: 'opening', promise, deadline, progress };
    this.#state = opening;
    return opening;
  }

  async #open(opening: { blocked: boolean }): Promise<CacheDatabase> {
    // idb calls indexedDB.open synchronously, and some browsers throw from it (private modes,
    // storage disabled by policy) rather than fire 'error': keep both on the promise path.
    await Promise.resolve();
    const db = await openDB<CacheSchema>(this.#name, CACHE_DB_VERSION, {
      upgrade: (database, oldVersion, _newVersion, tx) => upgradeCacheSchema(database, oldVersion, tx),
      blocked: () => {
        opening.blocked = true;
      },
      // A newer schema in another tab waits for every older connection to close. Ours closes
      // at once; the next use reopens at our version and fails cleanly (VersionError) rather
      // than writing records a newer schema does not expect.
      blocking: () => this.#drop(db),
      // The browser dropped the connection (storage cleared, disk error): reopen on next use.
      terminated: () => this.#drop(undefined),
    });
    const missing = STORES.find((store) => !db.objectStoreNames.contains(store));
    if (missing !== undefined) {
      db.close();
      throw new Error(`database version ${db.version} has no "${missing}" store: made by something else`);
    }
    return db;
  }

  #drop(db: CacheDatabase | undefined): void {
    db?.close();
    if (this.#state.kind === 'open' && !this.#closed) this.#state = { kind: 'idle' };
  }
}

function timedOut(blocked: boolean, timeout: number): CacheUnavailable {
  return blocked
    ? {
        reason: 'blocked',
        message: `cache unavailable: another tab holds an older version of the cache database open and did not close it within ${timeout} ms`,
      }
    : { reason: 'timeout', message: `cache unavailable: the cache database did not open within ${timeout} ms` };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
