import { abortError, onAbort } from '../shared/abort.ts';

/** Gives back a turn; calling it again does nothing. */
export type EndTurn = () => void;

interface Waiter {
  start: (end: EndTurn) => void;
  fail: (error: unknown) => void;
}

/** At most `limit` holders at once; the others wait, first come, first served. */
export class Turns {
  readonly #limit: number;
  #held = 0;
  readonly #waiting: Waiter[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Resolves with the turn's end once fewer than `limit` are held; rejects with `ABORTED` when `signal` fires first. */
  take(signal: AbortSignal | undefined, what: string): Promise<EndTurn> {
    if (signal?.aborted) return Promise.reject(abortError(signal, what));
    if (this.#held < this.#limit) return Promise.resolve(this.#begin());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: (end) => {
          stopListening();
          resolve(end);
        },
        fail: reject,
      };
      const stopListening = onAbort(signal, () => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(abortError(signal, what));
      });
      this.#waiting.push(waiter);
    });
  }

  /** Rejects every waiting caller with `error` (the holders keep their turns). */
  refuseWaiting(error: unknown): void {
    for (const waiter of this.#waiting.splice(0)) waiter.fail(error);
  }

  #begin(): EndTurn {
    this.#held++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#held--;
      const next = this.#waiting.shift();
      if (next) next.start(this.#begin());
    };
  }
}
