import { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import { readImageHeader, type ImageHeader } from '../shared/header.ts';

/** Enough for any JPEG's EXIF and SOF in practice: the header checks look no further. */
export const HEADER_BYTES = 1 << 20;

/** The checks that need only the first bytes: empty, not an image we take, too many pixels. */
export async function readCheckedHeader(
  file: Blob,
  name: string,
  bytes: Promise<ArrayBuffer>,
  maxPixels: number,
): Promise<ImageHeader> {
  const label = name ? `"${name}"` : 'the file';
  // Read before judging the size: a file deleted from disk since it was picked reports size 0.
  const buffer = await bytes;
  if (buffer.byteLength === 0) throw new ImageSpecError('EMPTY_FILE', `empty file: ${label} has no bytes`);
  const head = new Uint8Array(buffer, 0, Math.min(HEADER_BYTES, buffer.byteLength));
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
