// The ways a job waits: for time, for the network, for a free slot, for the lock that makes it
// this tab's job. Each gives up at once when the signal aborts.
import { clampDelay } from './backoff.ts';
import { onAbort } from '../shared/abort.ts';
import { UploadError } from '../shared/errors/upload-error.ts';

/** Uploads abort with an `UploadError`, so a failed job's error is always one. */
function aborted(signal: AbortSignal, what: string): UploadError {
  return new UploadError('ABORTED', `aborted: ${what}`, { cause: signal.reason });
}

/** Waits `ms` (clamped to what a timer can wait), or rejects with `ABORTED` as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted(signal, 'waiting to retry'));
    const stopListening = onAbort(signal, () => {
      clearTimeout(timer);
      reject(aborted(signal, 'waiting to retry'));
    });
    const timer = setTimeout(() => {
      stopListening();
      resolve();
    }, clampDelay(ms));
  });
}

/** Resolves at once when online, else on the next `online` event. */
export function waitForOnline(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted(signal, 'waiting for the network'));
    if (navigator.onLine) return resolve();
    const stopListening = onAbort(signal, () => {
      removeEventListener('online', onOnline);
      reject(aborted(signal, 'waiting for the network'));
    });
    const onOnline = () => {
      stopListening();
      resolve();
    };
    addEventListener('online', onOnline, { once: true });
  });
}

/**
 * Runs `work` while holding the Web Lock `name`, so that of all the tabs of this origin only
 * one works on a job; the others wait, and take over if that tab closes. Without Web Locks
 * (old browsers) the work runs unguarded.
 */
export async function withLock<T>(name: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return work();
  try {
    return await navigator.locks.request(name, { signal }, work);
  } catch (error) {
    // The lock request itself rejects with a DOMException when the signal aborts first.
    if (signal.aborted && !(error instanceof UploadError)) throw aborted(signal, 'waiting for another tab');
    throw error;
  }
}

/** A counting semaphore: at most `size` holders at once, first come first served. */
export class Slots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    this.#free = size;
  }

  async acquire(signal: AbortSignal): Promise<() => void> {
    if (this.#free > 0) {
      this.#free--;
    } else {
      await new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(aborted(signal, 'waiting for a free upload slot'));
        const stopListening = onAbort(signal, () => {
          this.#waiting.splice(this.#waiting.indexOf(grant), 1);
          reject(aborted(signal, 'waiting for a free upload slot'));
        });
        const grant = () => {
          stopListening();
          resolve();
        };
        this.#waiting.push(grant);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}
