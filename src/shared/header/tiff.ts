// TIFF structure: the TIFF format itself and the EXIF blocks embedded in JPEG, PNG and WebP,
// which are TIFF headers with their own IFD0.
import { hasSignature, latin1, positiveOrNull, uint16, uint32 } from './bytes.ts';
import type { HeaderFields } from './types.ts';

const TAG_IMAGE_WIDTH = 0x0100;
const TAG_IMAGE_LENGTH = 0x0101;
const TAG_ORIENTATION = 0x0112;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const IFD_ENTRY_SIZE = 12;
/** "Exif\0\0": required before the TIFF header in JPEG APP1; some PNG and WebP writers add it. */
const EXIF_PREFIX = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];

/**
 * Size and orientation from IFD0 of the TIFF structure in `bytes[start, end)`. Offsets inside
 * TIFF are relative to its header, so an embedded EXIF block is read in place.
 */
export function readTiffFields(bytes: Uint8Array, start: number, end: number): HeaderFields {
  const fields: HeaderFields = { width: null, height: null, orientation: 1 };
  const limit = Math.min(end, bytes.length);
  const byteOrder = latin1(bytes, start, 2);
  if (start + 8 > limit || (byteOrder !== 'II' && byteOrder !== 'MM')) return fields;
  const little = byteOrder === 'II';
  if (uint16(bytes, start + 2, little) !== 42) return fields;

  const ifd = start + uint32(bytes, start + 4, little);
  if (ifd + 2 > limit) return fields;
  const entryCount = uint16(bytes, ifd, little);
  // Entries of a cut-off IFD that did arrive are still good: tags are sorted, Orientation is early.
  for (let index = 0; index < entryCount; index++) {
    const entry = ifd + 2 + index * IFD_ENTRY_SIZE;
    if (entry + IFD_ENTRY_SIZE > limit) break;
    const value = readSingleInteger(bytes, entry, little);
    if (value === null) continue;
    const tag = uint16(bytes, entry, little);
    if (tag === TAG_IMAGE_WIDTH) fields.width = positiveOrNull(value);
    else if (tag === TAG_IMAGE_LENGTH) fields.height = positiveOrNull(value);
    else if (tag === TAG_ORIENTATION && value >= 1 && value <= 8) fields.orientation = value;
  }
  return fields;
}

/** The value of an IFD entry holding one SHORT or LONG, which TIFF stores inline; else null. */
function readSingleInteger(bytes: Uint8Array, entry: number, little: boolean): number | null {
  const type = uint16(bytes, entry + 2, little);
  if (uint32(bytes, entry + 4, little) !== 1) return null;
  // A SHORT sits in the first two bytes of the 4-byte value field in either byte order.
  if (type === TYPE_SHORT) return uint16(bytes, entry + 8, little);
  if (type === TYPE_LONG) return uint32(bytes, entry + 8, little);
  return null;
}

/**
 * The orientation in an EXIF block at `bytes[start, end)`, with or without the "Exif\0\0"
 * prefix; 1 when absent or unreadable.
 */
export function readExifOrientation(bytes: Uint8Array, start: number, end: number): number {
  const tiffStart = hasSignature(bytes, EXIF_PREFIX, start) ? start + EXIF_PREFIX.length : start;
  return readTiffFields(bytes, tiffStart, end).orientation;
}

/** True when an APP1 segment's data at `start` is EXIF rather than XMP or another payload. */
export function isExifPayload(bytes: Uint8Array, start: number): boolean {
  return hasSignature(bytes, EXIF_PREFIX, start);
}

/** A TIFF file: IFD0 is the image's own directory (libtiff often writes it after the pixels). */
export function readTiffHeader(bytes: Uint8Array): HeaderFields {
  return readTiffFields(bytes, 0, bytes.length);
}
