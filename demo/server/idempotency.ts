// Idempotency records: the first answer to a key, kept on disk, replayed for every repeat. A
// request that arrives while the first one with its key is still running waits for it, so two
// racing retries never store twice.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './storage.ts';

export interface IdempotencyRecord {
  status: number;
  body: unknown;
}

/** Keys the client may send: the uploader's ids are hex, but any opaque token of this shape is accepted. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

export class IdempotencyStore {
  readonly #dir: string;
  readonly #running = new Map<string, Promise<void>>();

  constructor(storageDir: string) {
    this.#dir = join(storageDir, '.idempotency');
  }

  // Hashed so that the key, which the client chose, never becomes part of a path.
  #path(key: string): string {
    return join(this.#dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  async get(key: string): Promise<IdempotencyRecord | null> {
    const text = await readFile(this.#path(key), 'utf8').catch(() => null);
    return text === null ? null : (JSON.parse(text) as IdempotencyRecord);
  }

  async put(key: string, record: IdempotencyRecord): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await writeFileAtomic(this.#path(key), JSON.stringify(record), join(this.#dir, '..', '.tmp'));
  }

  /**
   * Runs `work` as the only holder of `key` in this process; later callers wait for it and
   * then see its record.
   */
  async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    while (this.#running.has(key)) await this.#running.get(key);
    let release!: () => void;
    this.#running.set(key, new Promise<void>((resolve) => (release = resolve)));
    try {
      return await work();
    } finally {
      this.#running.delete(key);
      release();
    }
  }
}
