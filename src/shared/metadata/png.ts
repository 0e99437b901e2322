// PNG metadata lives in chunks: eXIf (TIFF), tEXt/iTXt/zTXt (XMP, "Raw profile type exif", free
// text). iCCP, sRGB, gAMA and the pixel chunks stay. Every chunk carries a CRC over its type and data.
import { hasSignature, latin1, uint32 } from '../header/bytes.ts';
import { concat } from './jpeg.ts';
import { orientationOnlyTiff, removeGpsInPlace, tiffOrientation } from './tiff.ts';
import type { StripMode } from './types.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TEXT_CHUNKS = new Set(['tEXt', 'iTXt', 'zTXt']);

let table: Uint32Array | undefined;

/** CRC-32 (ISO 3309), as PNG chunks use. */
export function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * `'gps'`: GPS removed from eXIf (CRC rewritten); text chunks that mention GPS or carry EXIF go.
 * `'all'`: eXIf becomes a minimal one with the orientation (none when upright); every text chunk goes.
 */
export function stripPng(bytes: Uint8Array, mode: StripMode): Uint8Array | null {
  if (!hasSignature(bytes, SIGNATURE)) return null;
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = uint32(bytes, offset);
    const end = offset + 12 + length;
    if (end > bytes.length) return null;
    const type = latin1(bytes, offset + 4, 4);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'eXIf') {
      if (mode === 'gps') {
        const copy = data.slice();
        removeGpsInPlace(copy, 0, copy.length);
        parts.push(chunk(type, copy));
      } else {
        const orientation = tiffOrientation(data, 0, data.length);
        if (orientation !== 1) parts.push(chunk(type, orientationOnlyTiff(orientation)));
      }
    } else if (TEXT_CHUNKS.has(type)) {
      const text = latin1(data, 0, Math.min(data.length, 1 << 20));
      if (mode === 'gps' && !/GPS|exif/i.test(text)) parts.push(bytes.subarray(offset, end));
    } else {
      parts.push(bytes.subarray(offset, end));
    }
    offset = end;
    if (type === 'IEND') break;
  }
  return concat(parts);
}
