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
