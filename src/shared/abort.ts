// The one way imagespec listens to an AbortSignal: every listener is removed when the work it
// guards settles, so a long-lived signal (a page's, a router's) does not keep finished jobs and
// their files alive.
import { ImageSpecError } from './errors/imagespec-error.ts';

/** An `ABORTED` error whose message says what was aborted; its `cause` is the signal's reason. */
export function abortError(signal: AbortSignal | undefined, what: string): ImageSpecError {
  return new ImageSpecError('ABORTED', `aborted: ${what}`, { cause: signal?.reason });
}

/**
 * Calls `onAbort` once if `signal` aborts; returns the function that stops listening. Call it
 * when the work settles.
 */
export function onAbort(signal: AbortSignal | undefined, onAbort: (reason: unknown) => void): () => void {
  if (!signal) return () => {};
  const listener = () => onAbort(signal.reason);
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

/**
 * Runs `work` until it settles or `signal` aborts, whichever is first; an abort rejects with
 * `ABORTED` naming `what` (the work itself is left to finish: pass the signal to it too where it
 * can stop).
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortError(signal, what));
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(abortError(signal, what)));
    work.then(resolve, reject).finally(stop);
  });
}

/** Rejects with `ABORTED` naming `what` when the signal has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortError(signal, what);
}
