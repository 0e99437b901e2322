// What a file says about itself in its first bytes: format, declared size and EXIF orientation.
// Pure and DOM-free so it runs on the main thread (on a prefix, before decoding) and in workers.
import { hasSignature } from './header/bytes.ts';
import { isBmp, readBmpHeader } from './header/bmp.ts';
import { isGifTruncated, readGifHeader } from './header/gif.ts';
import { readIsoBmffHeader, sniffIsoBmff } from './header/isobmff.ts';
import { isJpegTruncated, readJpegHeader } from './header/jpeg.ts';
import { isPngTruncated, readPngHeader } from './header/png.ts';
import { isSvg, readSvgHeader } from './header/svg.ts';
import { readTiffHeader } from './header/tiff.ts';
import { UNKNOWN_FIELDS } from './header/types.ts';
import type { HeaderFields, ImageHeader, SourceFormat } from './header/types.ts';
import { isWebpTruncated, readWebpHeader } from './header/webp.ts';

export type { ImageHeader, SourceFormat } from './header/types.ts';

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const GIF87A = [0x47, 0x49, 0x46, 0x38, 0x37, 0x61];
const GIF89A = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];
const JXL_CODESTREAM = [0xff, 0x0a];
const JXL_CONTAINER = [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
const TIFF_LITTLE_ENDIAN = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BIG_ENDIAN = [0x4d, 0x4d, 0x00, 0x2a];

/** JPEG XL sizes are bit-packed behind variable-length fields; reading them is left for later. */
const readJxlHeader = (): HeaderFields => UNKNOWN_FIELDS;

const HEADER_READERS: Record<SourceFormat, (bytes: Uint8Array) => HeaderFields> = {
  'image/jpeg': readJpegHeader,
  'image/png': readPngHeader,
  'image/gif': readGifHeader,
  'image/webp': readWebpHeader,
  'image/avif': readIsoBmffHeader,
  'image/heic': readIsoBmffHeader,
  'image/bmp': readBmpHeader,
  'image/jxl': readJxlHeader,
  'image/tiff': readTiffHeader,
  'image/svg+xml': readSvgHeader,
};

/**
 * The format from the magic bytes, or null for anything else (text, random bytes, empty). The
 * file name and the browser's declared MIME type are never consulted: both are often wrong.
 *
 * @example
 * const format = sniffFormat(new Uint8Array(await file.slice(0, 4096).arrayBuffer()));
 */
export function sniffFormat(bytes: Uint8Array): SourceFormat | null {
  if (hasSignature(bytes, JPEG)) return 'image/jpeg';
  if (hasSignature(bytes, PNG)) return 'image/png';
  if (hasSignature(bytes, GIF87A) || hasSignature(bytes, GIF89A)) return 'image/gif';
  if (hasSignature(bytes, RIFF) && hasSignature(bytes, WEBP, 8)) return 'image/webp';
  if (hasSignature(bytes, JXL_CODESTREAM) || hasSignature(bytes, JXL_CONTAINER)) return 'image/jxl';
  if (hasSignature(bytes, TIFF_LITTLE_ENDIAN) || hasSignature(bytes, TIFF_BIG_ENDIAN)) {
    return 'image/tiff';
  }
  if (isBmp(bytes)) return 'image/bmp';
  return sniffIsoBmff(bytes) ?? (isSvg(bytes) ? 'image/svg+xml' : null);
}

/**
 * Format, declared size and orientation; null when {@link sniffFormat} is null. Works on a
 * prefix of the file: what lies past the bytes given reads as unknown (null size, orientation 1).
 * Never throws on malformed input: it returns what it could read.
 *
 * @example
 * const header = readImageHeader(new Uint8Array(await file.slice(0, 1 << 20).arrayBuffer()));
 * if (header?.width && header.height && header.width * header.height > limit) reject();
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const format = sniffFormat(bytes);
  if (format === null) return null;
  return { format, ...HEADER_READERS[format](bytes) };
}

/**
 * Given the WHOLE file: true when the data visibly ends early. JPEG: no EOI after walking the
 * segments and scans (data after EOI, such as a motion photo's video, is fine). PNG: no complete
 * IEND chunk. GIF: the blocks run out before the trailer. WebP: the RIFF size exceeds the bytes.
 * Other formats: false, meaning unknown. Never throws.
 *
 * @example
 * if (isTruncated(bytes, format)) {
 *   throw new ImageSpecError('CORRUPT_IMAGE', `truncated image: ${file.name}`);
 * }
 */
export function isTruncated(bytes: Uint8Array, format: SourceFormat): boolean {
  switch (format) {
    case 'image/jpeg':
      return isJpegTruncated(bytes);
    case 'image/png':
      return isPngTruncated(bytes);
    case 'image/gif':
      return isGifTruncated(bytes);
    case 'image/webp':
      return isWebpTruncated(bytes);
    default:
      return false;
  }
}

/**
 * The declared size as the image is displayed: EXIF orientations 5 to 8 turn it sideways.
 * Null when the header does not declare a size.
 */
export function displayedSize(header: ImageHeader): { width: number; height: number } | null {
  if (header.width === null || header.height === null) return null;
  return header.orientation >= 5
    ? { width: header.height, height: header.width }
    : { width: header.width, height: header.height };
}
