// WebP metadata lives in RIFF chunks beside the image: "EXIF" (TIFF, sometimes behind an
// "Exif\0\0" prefix) and "XMP ", announced by flags in the VP8X chunk. "ICCP" stays.
import { hasSignature, latin1, uint32 } from '../header/bytes.ts';
import { concat } from './jpeg.ts';
import { orientationOnlyTiff, removeGpsInPlace, tiffOrientation } from './tiff.ts';
import type { StripMode } from './types.ts';

const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;
const EXIF_PREFIX = [0x45, 0x78, 0x69, 0x66, 0, 0];

function chunk(fourcc: string, data: Uint8Array): Uint8Array {
  const padded = data.length + (data.length & 1);
  const out = new Uint8Array(8 + padded);
  for (let i = 0; i < 4; i++) out[i] = fourcc.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

/**
 * `'gps'`: GPS removed from the EXIF chunk in place; an XMP chunk that mentions GPS goes.
 * `'all'`: EXIF becomes a minimal chunk with the orientation (none when upright); XMP goes.
 * The VP8X flags and the RIFF size follow.
 */
export function stripWebp(bytes: Uint8Array, mode: StripMode): Uint8Array | null {
  if (latin1(bytes, 0, 4) !== 'RIFF' || latin1(bytes, 8, 4) !== 'WEBP') return null;
  const chunks: Uint8Array[] = [];
  let flags: { chunk: Uint8Array } | undefined;
  let hasExif = false;
  let hasXmp = false;
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const fourcc = latin1(bytes, offset, 4);
    const size = uint32(bytes, offset + 4, true);
    const end = offset + 8 + size + (size & 1);
    if (offset + 8 + size > bytes.length) return null;
    const data = bytes.subarray(offset + 8, offset + 8 + size);
    if (fourcc === 'EXIF') {
      const tiffStart = hasSignature(data, EXIF_PREFIX) ? EXIF_PREFIX.length : 0;
      if (mode === 'gps') {
        const copy = data.slice();
        removeGpsInPlace(copy, tiffStart, copy.length);
        chunks.push(chunk(fourcc, copy));
        hasExif = true;
      } else {
        const orientation = tiffOrientation(data, tiffStart, data.length);
        if (orientation !== 1) {
          chunks.push(chunk(fourcc, orientationOnlyTiff(orientation)));
          hasExif = true;
        }
      }
    } else if (fourcc === 'XMP ') {
      if (mode === 'gps' && !latin1(data, 0, data.length).includes('GPS')) {
        chunks.push(bytes.subarray(offset, Math.min(end, bytes.length)));
        hasXmp = true;
      }
    } else {
      const copy = bytes.slice(offset, Math.min(end, bytes.length));
      if (fourcc === 'VP8X') flags = { chunk: copy };
      chunks.push(copy);
    }
    offset = end;
  }
  if (flags) {
    const byte = flags.chunk[8]! & ~(EXIF_FLAG | XMP_FLAG);
    flags.chunk[8] = byte | (hasExif ? EXIF_FLAG : 0) | (hasXmp ? XMP_FLAG : 0);
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}
