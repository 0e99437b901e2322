// One request at a time per key, in this process, and no way to wedge it: a waiter whose client
// leaves is dropped from the queue, a waiter that waited too long is refused, the queue per key
// is capped, and a holder that outlives its deadline loses the lock (its signal aborts).
import { ReceiverError } from '../errors.ts';

export interface KeyedLockLimits {
  /** Waiters per key beyond the holder; more get 429. */
  maxWaiters: number;
  /** How long a waiter waits before 429. */
  waitTimeoutMs: number;
  /** How long a holder may hold before the lock is taken back. */
  holdTimeoutMs: number;
}

/** A held lock. */
export interface Lease {
  /** Aborts when the hold deadline passes (the lock is already free by then). */
  readonly signal: AbortSignal;
  /** Frees the lock for the next waiter; calling it again does nothing. */
  release(): void;
}

interface Waiter {
  grant(lease: Lease): void;
}

interface Entry {
  waiters: Waiter[];
}

function busy(key: string, why: string): ReceiverError {
  return new ReceiverError(429, 'KEY_BUSY', `key busy: ${why} for ${key.slice(0, 80)}`, { 'Retry-After': '1' });
}

export class KeyedLock {
  readonly #limits: KeyedLockLimits;
  /** Present while the key is held; its waiters are in line for it. */
  readonly #held = new Map<string, Entry>();

  constructor(limits: KeyedLockLimits) {
    this.#limits = limits;
  }

  /** How many keys are held right now (for tests and metrics). */
  get size(): number {
    return this.#held.size;
  }

  /**
   * Waits for `key`; rejects with 429 when too many wait or the wait times out, and with the
   * signal's reason when it aborts (a client that left).
   */
  acquire(key: string, signal: AbortSignal): Promise<Lease> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    const entry = this.#held.get(key);
    if (!entry) {
      this.#held.set(key, { waiters: [] });
      return Promise.resolve(this.#lease(key));
    }
    if (entry.waiters.length >= this.#limits.maxWaiters) {
      return Promise.reject(busy(key, `${entry.waiters.length} requests already wait`));
    }
    return new Promise<Lease>((resolve, reject) => {
      const leave = (error: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const index = entry.waiters.indexOf(waiter);
        if (index >= 0) entry.waiters.splice(index, 1);
        reject(error);
      };
      const onAbort = () => leave(signal.reason);
      const timer = setTimeout(
        () => leave(busy(key, `waited ${this.#limits.waitTimeoutMs} ms for another request`)),
        this.#limits.waitTimeoutMs,
      );
      timer.unref();
      const waiter: Waiter = {
        grant: (lease) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          resolve(lease);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.waiters.push(waiter);
    });
  }

  #lease(key: string): Lease {
    const controller = new AbortController();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(deadline);
      const entry = this.#held.get(key)!;
      const next = entry.waiters.shift();
      if (next) next.grant(this.#lease(key));
      else this.#held.delete(key);
    };
    const deadline = setTimeout(() => {
      release();
      controller.abort(new Error(`lock deadline: held for over ${this.#limits.holdTimeoutMs} ms`));
    }, this.#limits.holdTimeoutMs);
    deadline.unref();
    return { signal: controller.signal, release };
  }
}
