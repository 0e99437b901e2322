// A version being received: bytes go to a file in the receiver's temp folder and through a hash.
// Nothing here is visible until the storage puts it in place.
import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Measurer, type Measured } from '../verify.ts';

/** A received file ready for the storage, with what was measured of it. */
export interface LocalFile extends Measured {
  path: string;
}

export class TempFile {
  readonly path: string;
  readonly measurer = new Measurer();
  readonly #stream: WriteStream;

  private constructor(path: string) {
    this.path = path;
    // flush: the bytes are on disk before the file is renamed into place.
    this.#stream = createWriteStream(path, { flags: 'wx', flush: true });
    this.#stream.on('error', () => undefined);
  }

  static async create(dir: string): Promise<TempFile> {
    await mkdir(dir, { recursive: true });
    return new TempFile(join(dir, `${randomUUID()}.part`));
  }

  /** Resolves once the chunk is handed to the file (back-pressure respected). */
  write(chunk: Buffer): Promise<void> {
    this.measurer.update(chunk);
    return new Promise((resolve, reject) => {
      if (this.#stream.destroyed) return reject(new Error('temp file closed'));
      if (this.#stream.write(chunk)) return resolve();
      // A discarded file never drains: settle on close too, or the writer waits forever.
      const settle = () => {
        this.#stream.off('drain', settle).off('close', settle);
        resolve();
      };
      this.#stream.on('drain', settle).on('close', settle);
    });
  }

  /** Flushes and closes; returns the file with its size and SHA-256. */
  async finish(): Promise<LocalFile> {
    await new Promise<void>((resolve, reject) =>
      this.#stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return { path: this.path, ...this.measurer.digest() };
  }

  async discard(): Promise<void> {
    this.#stream.destroy();
    await rm(this.path, { force: true });
  }
}
