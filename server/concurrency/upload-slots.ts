// A cap on uploads handled at once. Over it a request is refused at once (503 with Retry-After),
// never queued: a queue of bodies is what the cap exists to prevent.
import { ReceiverError } from '../errors.ts';

export class UploadSlots {
  readonly #size: number;
  #used = 0;

  constructor(size: number) {
    this.#size = size;
  }

  get used(): number {
    return this.#used;
  }

  /** Takes a slot and returns its release, or throws 503 when none is free. */
  take(): () => void {
    if (this.#used >= this.#size) {
      throw new ReceiverError(503, 'BUSY', `busy: ${this.#size} uploads are already being received`, {
        'Retry-After': '1',
      });
    }
    this.#used++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#used--;
    };
  }
}
