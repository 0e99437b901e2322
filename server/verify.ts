// Whether bytes are what the manifest says: the type their magic bytes show, their size and
// their SHA-256. The same checks for a multipart part, a finished tus upload and a presigned object.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { sniffFormat } from '../src/shared/header.ts';
import type { ManifestVersion } from '../src/shared/wire.ts';
import { ReceiverError } from './errors.ts';

/** Enough bytes to tell every storable format apart (WebP needs 12, AVIF's ftyp box a few more). */
export const SNIFF_BYTES = 64;

/** What was measured of some bytes. */
export interface Measured {
  /** The first {@link SNIFF_BYTES} bytes (fewer when there are fewer). */
  head: Buffer;
  bytes: number;
  sha256: string;
}

/** Hashes, counts and keeps the head of bytes as they go by. */
export class Measurer {
  readonly #hash = createHash('sha256');
  #head: Buffer = Buffer.alloc(0);
  bytes = 0;

  update(chunk: Buffer): void {
    if (this.#head.length < SNIFF_BYTES) this.#head = Buffer.concat([this.#head, chunk.subarray(0, SNIFF_BYTES)]);
    this.bytes += chunk.length;
    this.#hash.update(chunk);
  }

  /** The head so far, for a type check before the whole body is in. */
  get head(): Buffer {
    return this.#head.subarray(0, SNIFF_BYTES);
  }

  digest(): Measured {
    return { head: this.head, bytes: this.bytes, sha256: this.#hash.digest('hex') };
  }
}

/** Streams `body` through a hash, never holding more than a chunk; stops at `limit` bytes. */
export async function measureStream(body: Readable, limit: number): Promise<Measured> {
  const measurer = new Measurer();
  for await (const chunk of body as AsyncIterable<Buffer>) {
    measurer.update(chunk);
    if (measurer.bytes > limit) {
      body.destroy();
      break;
    }
  }
  return measurer.digest();
}

/** What the manifest says of a version's bytes. */
type Checked = Pick<ManifestVersion, 'type' | 'bytes' | 'sha256'>;

/** Throws 415 unless the head's magic bytes are the declared type. */
export function checkType(name: string, version: Checked, head: Buffer, partType?: string): void {
  const sniffed = sniffFormat(new Uint8Array(head.buffer, head.byteOffset, head.length));
  if (sniffed === version.type && (partType === undefined || partType === version.type)) return;
  const said = partType === undefined ? '' : `, the part says ${JSON.stringify(partType.slice(0, 80))}`;
  throw new ReceiverError(
    415,
    'TYPE_MISMATCH',
    `type mismatch: version ${name} declares ${version.type}${said}, its bytes are ${sniffed ?? 'not an image'}`,
  );
}

/** Throws 415 or 422 unless the bytes are the declared type, size and SHA-256. */
export function checkBytes(name: string, version: Checked, measured: Measured): void {
  checkType(name, version, measured.head);
  if (measured.bytes === version.bytes && measured.sha256 === version.sha256) return;
  throw new ReceiverError(
    422,
    'CHECKSUM_MISMATCH',
    `checksum mismatch: version ${name} arrived as ${measured.bytes} bytes with SHA-256 ${measured.sha256}, the manifest says ${version.bytes} bytes, ${version.sha256}`,
  );
}
