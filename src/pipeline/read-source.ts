// Reading a picked file on the main thread: its first bytes for the header checks, and its
// SHA-256 (the cache key and the upload's content hash). Hashing needs every byte, so a batch of
// files is hashed a few at a time: twenty files picked at once never sit in memory together.
import { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import { sha256Hex } from '../shared/fingerprint.ts';
import { HEADER_BYTES } from './read-checked-header.ts';

/** Files read and hashed at once: one being read while another is hashed keeps both busy. */
const HASHING_AT_ONCE = 2;

let hashing = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than `HASHING_AT_ONCE` others are running, in call order. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= HASHING_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  hashing++;
  try {
    return await work();
  } finally {
    hashing--;
    waiting.shift()?.();
  }
}

function readFailed(name: string, error: unknown): ImageSpecError {
  // A picked file deleted or changed on disk since can no longer be read.
  return new ImageSpecError('READ_FAILED', `read failed: ${name ? `"${name}"` : 'the file'} could not be read`, {
    cause: error,
  });
}

export interface SourceReads {
  /** The first `HEADER_BYTES` (fewer for a smaller file), read on the first call. */
  head(): Promise<ArrayBuffer>;
  /** Lower-case hex SHA-256 of every byte. */
  sha256: Promise<string>;
  /** Every byte, read when asked (an original version that strips metadata needs them). */
  whole(): Promise<ArrayBuffer>;
}

/**
 * Starts both reads at once; either rejects with `READ_FAILED` when the file cannot be read. The
 * whole file's bytes are dropped as soon as they are hashed.
 */
export function readSource(file: Blob, name: string): SourceReads {
  const whole = () =>
    file.arrayBuffer().catch((error: unknown) => {
      throw readFailed(name, error);
    });
  let headOfWhole: (bytes: ArrayBuffer) => void = () => {};
  const fromWhole = new Promise<ArrayBuffer>((resolve) => (headOfWhole = resolve));
  const sha256 = inTurn(async () => {
    const bytes = await whole();
    const hashed = sha256Hex(bytes); // takes its copy of the bytes now
    headOfWhole(bytes.slice(0, HEADER_BYTES));
    return hashed;
  });
  // Whoever awaits the hash sees its failure; a call that fails on the header first never does.
  sha256.catch(() => {});
  const sliced = () =>
    file
      .slice(0, HEADER_BYTES)
      .arrayBuffer()
      .catch((error: unknown) => {
        throw readFailed(name, error);
      })
      .then(async (buffer) => {
        // A file deleted from disk since it was picked reports size 0, so its slice reads as empty:
        // only reading the file itself tells that apart from an empty file, by failing.
        if (buffer.byteLength === 0) await sha256;
        return buffer;
      });
  // Chromium serves two reads of one file one after the other, so the slice may wait for the
  // whole file: then the header comes from the whole file's first bytes.
  let head: Promise<ArrayBuffer> | undefined;
  return { head: () => (head ??= Promise.race([sliced(), fromWhole])), sha256, whole };
}

/**
 * What tells a picked file from others without reading it: its name, size and last-modified
 * time, hashed (the cache keeps no file names). Picking the same file again gives the same key;
 * so may another file, rarely, which is why the cache only takes it as a hint (see lookUp in
 * read-through.ts). Undefined for a Blob that is not a File.
 */
export function fileKey(file: Blob): Promise<string> | undefined {
  if (!(file instanceof File)) return undefined;
  return sha256Hex(`${file.name}\u0000${file.size}\u0000${file.lastModified}`);
}
