// The checks the page makes before a worker takes a file, on its first bytes only: the rest is
// read in the worker, which hashes it there (reading a camera photo whole and hashing it would
// hold the page's thread for 50–100 ms).
import { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import { readImageHeader, type ImageHeader } from '../shared/header.ts';
import { readBytes } from '../shared/read-file.ts';

/** Enough for any JPEG's EXIF and SOF in practice: the header checks look no further. */
const HEADER_BYTES = 1 << 20;

/**
 * The file's first bytes; `READ_FAILED` when it cannot be read. A file deleted from disk since it
 * was picked reports size 0, so its slice reads as empty: only reading the file itself tells that
 * apart from an empty file, by failing.
 */
async function readHead(file: Blob, name: string): Promise<Uint8Array> {
  const head = await readBytes(file.slice(0, HEADER_BYTES), name);
  if (head.byteLength === 0) await readBytes(file, name);
  return new Uint8Array(head);
}

/** The checks that need only the first bytes: empty, not an image we take, too many pixels. */
export async function readCheckedHeader(file: Blob, name: string, maxPixels: number): Promise<ImageHeader> {
  const label = name ? `"${name}"` : 'the file';
  const head = await readHead(file, name);
  if (head.byteLength === 0) throw new ImageSpecError('EMPTY_FILE', `empty file: ${label} has no bytes`);
  const header = readImageHeader(head);
  if (!header) {
    throw new ImageSpecError(
      'UNSUPPORTED_FORMAT',
      `unsupported format: ${label} is not an image this library reads (JPEG, PNG, WebP, GIF, AVIF, BMP)`,
    );
  }
  if (header.format === 'image/svg+xml') {
    throw new ImageSpecError(
      'UNSUPPORTED_FORMAT',
      `unsupported format: ${label} is SVG, which can carry scripts; only raster images are accepted`,
      {
        details: { format: header.format },
      },
    );
  }
  if (header.width !== null && header.height !== null && header.width * header.height > maxPixels) {
    const megapixels = ((header.width * header.height) / 1e6).toFixed(1);
    throw new ImageSpecError(
      'TOO_LARGE',
      `too large: ${label} declares ${header.width}x${header.height} (${megapixels} MP), over the limit of ${(maxPixels / 1e6).toFixed(1)} MP`,
      {
        details: { width: header.width, height: header.height, maxPixels },
      },
    );
  }
  return header;
}
