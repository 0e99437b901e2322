// The SHA-256 of blobs a worker already hashed (a picked file, its stripped original), by the
// Blob itself: a Blob's bytes never change, so the uploader need not hash them again on the
// page's thread, where a camera photo's original would take 50–100 ms.
import { sha256Hex } from './fingerprint.ts';

const known = new WeakMap<Blob, string>();

/** Records that `blob`'s bytes hash to `sha256` (hex), as a worker computed it. */
export function rememberSha256(blob: Blob, sha256: string): void {
  known.set(blob, sha256);
}

/** Hex SHA-256 of `blob`: the one recorded for it, else hashed here. */
export async function blobSha256(blob: Blob): Promise<string> {
  return known.get(blob) ?? sha256Hex(await blob.arrayBuffer());
}
