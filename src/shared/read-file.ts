// Reading a picked file, on the page (its first bytes) or in a worker (all of them).
import { ImageSpecError } from './errors/imagespec-error.ts';

/** The bytes of `blob` (a part of a file, or all of it); `READ_FAILED` when they cannot be read. */
export function readBytes(blob: Blob, name: string): Promise<ArrayBuffer> {
  return blob.arrayBuffer().catch((error: unknown) => {
    // A picked file deleted or changed on disk since can no longer be read.
    throw new ImageSpecError('READ_FAILED', `read failed: ${name ? `"${name}"` : 'the file'} could not be read`, {
      cause: error,
    });
  });
}

/** ES2024's `ArrayBuffer.prototype.transfer`, where the browser has it. */
type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/**
 * Frees `bytes` now rather than at some later garbage collection, where the browser can
 * (`ArrayBuffer.prototype.transfer`, which detaches them): a worker reading photo after photo
 * would otherwise hold several of them at once. Views of them become empty.
 */
export function discardBytes(bytes: ArrayBuffer | undefined): void {
  const buffer = bytes as Transferable | undefined;
  if (buffer && buffer.byteLength > 0) buffer.transfer?.(0);
}
