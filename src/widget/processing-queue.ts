// Files waiting for a worker, started a few at a time. Each file is read whole for hashing (in a
// worker), so a few at once (the pool's size and one more) keep the pool busy without holding
// every photo of a large drop in memory.

export class ProcessingQueue<Item> {
  readonly #waiting: Item[] = [];
  readonly #limit: () => number;
  readonly #process: (item: Item) => Promise<void>;
  #running = 0;

  /** `limit`: how many may be processed at once, asked at each start; `process` must not reject. */
  constructor(limit: () => number, process: (item: Item) => Promise<void>) {
    this.#limit = limit;
    this.#process = process;
  }

  /** Queues `item`: it starts as soon as fewer than `limit` are being processed. */
  add(item: Item): void {
    this.#waiting.push(item);
    this.#pump();
  }

  /** Takes `item` out of the queue if it has not started (stopping one that has is its owner's). */
  withdraw(item: Item): void {
    const index = this.#waiting.indexOf(item);
    if (index >= 0) this.#waiting.splice(index, 1);
  }

  #pump(): void {
    const limit = this.#limit();
    while (this.#running < limit && this.#waiting.length > 0) {
      const item = this.#waiting.shift()!;
      this.#running++;
      void this.#process(item).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }
}
