// Where bytes land: streamed to a temporary file while hashed, renamed into place only when the
// whole upload checked out. Final names are generated here (a random UUID and an extension from
// the sniffed type), so nothing the client sends ever becomes part of a path.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

/** The file extension stored files and objects get for a type the receiver accepts. */
export function extensionFor(type: string): string {
  return EXTENSIONS[type] ?? 'bin';
}

/** Image types the receiver stores; anything else is refused with 415. SVG is out: it can carry scripts. */
export const STORABLE_TYPES: ReadonlySet<string> = new Set(Object.keys(EXTENSIONS));

export function tempDir(dir: string): string {
  return join(dir, '.tmp');
}

export function filesDir(dir: string): string {
  return join(dir, 'files');
}

/** A fresh name inside the files folder, relative to the storage folder. */
export function generateKey(type: string): string {
  return `files/${randomUUID()}.${extensionFor(type)}`;
}

/** Writes a small file whole or not at all: temp file in the same file system, then rename. */
export async function writeFileAtomic(path: string, data: string | Buffer, tmp: string): Promise<void> {
  await mkdir(tmp, { recursive: true });
  const temporary = join(tmp, `${randomUUID()}.tmp`);
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/** A part being received: bytes go to a temp file and through a hash. */
export class TempFile {
  readonly path: string;
  readonly #hash = createHash('sha256');
  readonly #stream;
  bytes = 0;

  private constructor(path: string) {
    this.path = path;
    this.#stream = createWriteStream(path, { flags: 'wx' });
  }

  static async create(dir: string): Promise<TempFile> {
    await mkdir(tempDir(dir), { recursive: true });
    return new TempFile(join(tempDir(dir), `${randomUUID()}.part`));
  }

  /** Resolves once the chunk is handed to the file (back-pressure respected). */
  write(chunk: Buffer): Promise<void> {
    this.bytes += chunk.length;
    this.#hash.update(chunk);
    return new Promise((resolve, reject) => {
      const ok = this.#stream.write(chunk, (error) => (error ? reject(error) : undefined));
      if (ok) return resolve();
      // A discarded file never drains: settle on close too, or the writer waits forever.
      const settle = () => {
        this.#stream.off('drain', settle).off('close', settle);
        resolve();
      };
      this.#stream.on('drain', settle).on('close', settle);
    });
  }

  /** Flushes and closes; returns the SHA-256 of everything written. */
  async finish(): Promise<string> {
    await new Promise<void>((resolve, reject) =>
      this.#stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return this.#hash.digest('hex');
  }

  /** Moves the file to its final place: rename is atomic within one file system. */
  async commit(dir: string, key: string): Promise<void> {
    await mkdir(filesDir(dir), { recursive: true });
    await rename(this.path, join(dir, key));
  }

  async discard(): Promise<void> {
    this.#stream.destroy();
    await rm(this.path, { force: true });
  }
}
