// EXIF is a TIFF structure. Removing GPS is done in place, keeping every length and offset: the
// GPS pointer leaves IFD0 (later entries move up by 12 bytes) and the GPS directory and its
// values are zeroed, so the container around it needs no rewriting.
import { fits, uint16, uint32 } from '../header/bytes.ts';

const GPS_POINTER = 0x8825;
const ORIENTATION = 0x0112;
/** Bytes per value of each TIFF type (1 BYTE ... 12 DOUBLE). */
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8];

function setUint16(bytes: Uint8Array, offset: number, value: number, little: boolean): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint16(offset, value, little);
}

/**
 * Removes the GPS directory from the TIFF block `bytes[start, end)` in place. Returns true when
 * there was one. A malformed block is left as it was.
 */
export function removeGpsInPlace(bytes: Uint8Array, start: number, end: number): boolean {
  if (!fits(bytes, start, 8) || end > bytes.length) return false;
  const little = bytes[start] === 0x49;
  const at = (offset: number) => start + offset;
  const ifd0 = at(uint32(bytes, start + 4, little));
  if (ifd0 + 2 > end) return false;
  const count = uint16(bytes, ifd0, little);
  const entriesEnd = ifd0 + 2 + count * 12;
  if (entriesEnd + 4 > end) return false;
  for (let index = 0; index < count; index++) {
    const entry = ifd0 + 2 + index * 12;
    if (uint16(bytes, entry, little) !== GPS_POINTER) continue;
    const gps = at(uint32(bytes, entry + 8, little));
    zeroDirectory(bytes, gps, end, little, at);
    // Close the gap: the later entries and the next-IFD pointer move up; the freed tail is zeroed.
    bytes.copyWithin(entry, entry + 12, entriesEnd + 4);
    bytes.fill(0, entriesEnd - 8, entriesEnd + 4);
    setUint16(bytes, ifd0, count - 1, little);
    return true;
  }
  return false;
}

/** Zeroes a directory's entries, their out-of-line values and its next pointer. */
function zeroDirectory(bytes: Uint8Array, ifd: number, end: number, little: boolean, at: (n: number) => number): void {
  if (ifd + 2 > end) return;
  const count = uint16(bytes, ifd, little);
  const entriesEnd = Math.min(end, ifd + 2 + count * 12 + 4);
  for (let index = 0; index < count && ifd + 2 + index * 12 + 12 <= end; index++) {
    const entry = ifd + 2 + index * 12;
    const size = (TYPE_SIZES[uint16(bytes, entry + 2, little)] ?? 0) * uint32(bytes, entry + 4, little);
    if (size > 4) {
      const value = at(uint32(bytes, entry + 8, little));
      if (value >= 0 && value + size <= end) bytes.fill(0, value, value + size);
    }
  }
  bytes.fill(0, ifd, entriesEnd);
}

/** The EXIF orientation in a TIFF block, 1 when absent. */
export function tiffOrientation(bytes: Uint8Array, start: number, end: number): number {
  if (!fits(bytes, start, 8) || end > bytes.length) return 1;
  const little = bytes[start] === 0x49;
  const ifd0 = start + uint32(bytes, start + 4, little);
  if (ifd0 + 2 > end) return 1;
  const count = uint16(bytes, ifd0, little);
  for (let index = 0; index < count; index++) {
    const entry = ifd0 + 2 + index * 12;
    if (entry + 12 > end) break;
    if (uint16(bytes, entry, little) === ORIENTATION) return uint16(bytes, entry + 8, little);
  }
  return 1;
}

/** A TIFF block holding only the orientation: what `'all'` keeps of the EXIF. */
export function orientationOnlyTiff(orientation: number): Uint8Array {
  // Big-endian "MM", 42, IFD0 at 8: one entry (Orientation, SHORT, 1 value), next IFD 0.
  return new Uint8Array([
    0x4d,
    0x4d,
    0,
    42,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
}
