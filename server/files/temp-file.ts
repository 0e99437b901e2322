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

/** One temp file; made by {@link TempFiles.create}, which keeps it until the request is done. */
export class TempFile {
  readonly path: string;
  readonly measurer = new Measurer();
  readonly #stream: WriteStream;
  readonly #closed: Promise<void>;

  constructor(dir: string) {
    this.path = join(dir, `${randomUUID()}.part`);
    // flush: the bytes are on disk before the file is renamed into place.
    this.#stream = createWriteStream(this.path, { flags: 'wx', flush: true });
    this.#stream.on('error', () => undefined);
    this.#closed = new Promise((resolve) => this.#stream.once('close', () => resolve()));
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
    // The stream creates its file after the constructor returns, and a destroyed stream still
    // finishes that open before it closes: removed any earlier, the file would appear after rm.
    await this.#closed;
    await rm(this.path, { force: true });
  }
}

/**
 * The temp files of one request. Each is registered here before its file exists, and once
 * {@link discardAll} has begun no new one is made, so a refused request leaves none behind.
 */
export class TempFiles {
  readonly #dir: string;
  readonly #files: TempFile[] = [];
  #discarded = false;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** A new, empty temp file. Throws once the request's files are discarded. */
  async create(): Promise<TempFile> {
    await mkdir(this.#dir, { recursive: true });
    if (this.#discarded) throw new Error('temp file refused: the request was already refused');
    const file = new TempFile(this.#dir);
    this.#files.push(file);
    return file;
  }

  /** Removes every file of the request, each once its stream has closed. */
  async discardAll(): Promise<void> {
    this.#discarded = true;
    await Promise.all(this.#files.map((file) => file.discard()));
  }
}
