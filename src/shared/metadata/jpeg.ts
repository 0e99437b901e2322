// JPEG metadata lives in APPn segments before the first scan: APP1 "Exif" (TIFF) and XMP,
// APP13 "Photoshop 3.0" (IPTC), COM comments. ICC profiles are APP2 "ICC_PROFILE" and stay.
import { fits, hasSignature, latin1, uint16 } from '../header/bytes.ts';
import { orientationOnlyTiff, removeGpsInPlace, tiffOrientation } from './tiff.ts';
import type { StripMode } from './types.ts';

const EXIF = [0x45, 0x78, 0x69, 0x66, 0, 0];
const XMP = 'http://ns.adobe.com/xap/1.0/';
const SOS = 0xda;

interface Segment {
  marker: number;
  /** Where the marker (0xFF) starts. */
  start: number;
  /** One past the segment's last byte. */
  end: number;
}

/** The segments from SOI up to (not including) the first scan; null when the bytes are no JPEG. */
function headerSegments(bytes: Uint8Array, from: number): { segments: Segment[]; scan: number } | null {
  const segments: Segment[] = [];
  let offset = from + 2;
  while (fits(bytes, offset, 4) && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === SOS) return { segments, scan: offset };
    const end = offset + 2 + uint16(bytes, offset + 2);
    if (end > bytes.length) return null;
    segments.push({ marker, start: offset, end });
    offset = end;
  }
  return null;
}

const isExif = (bytes: Uint8Array, segment: Segment) =>
  segment.marker === 0xe1 && hasSignature(bytes, EXIF, segment.start + 4);
const isXmp = (bytes: Uint8Array, segment: Segment) =>
  segment.marker === 0xe1 && latin1(bytes, segment.start + 4, XMP.length) === XMP;
const mentionsGps = (bytes: Uint8Array, segment: Segment) =>
  latin1(bytes, segment.start, segment.end - segment.start).includes('GPS');

/**
 * `'gps'`: GPS removed in place from the EXIF of the main image and of every JPEG embedded after
 * it (MPF previews, depth maps); an XMP packet that mentions GPS goes. `'all'`: EXIF (but a
 * minimal one carrying the orientation), XMP, IPTC and comments go; embedded images keep their
 * place with their EXIF zeroed, so MPF offsets stay valid.
 */
export function stripJpeg(bytes: Uint8Array, mode: StripMode): Uint8Array | null {
  const header = headerSegments(bytes, 0);
  if (!header) return null;
  const out = bytes.slice();
  for (const embedded of embeddedJpegs(out, header.scan)) {
    for (const segment of embedded.segments) {
      if (!isExif(out, segment)) continue;
      if (mode === 'gps') removeGpsInPlace(out, segment.start + 10, segment.end);
      else out.fill(0, segment.start + 4, segment.end);
    }
  }
  const parts: Uint8Array[] = [out.subarray(0, 2)];
  for (const segment of header.segments) {
    const body = out.subarray(segment.start, segment.end);
    if (isExif(out, segment)) {
      if (mode === 'gps') {
        removeGpsInPlace(out, segment.start + 10, segment.end);
        parts.push(body);
      } else {
        const orientation = tiffOrientation(out, segment.start + 10, segment.end);
        if (orientation !== 1) parts.push(exifSegment(orientationOnlyTiff(orientation)));
      }
    } else if (isXmp(out, segment)) {
      if (mode === 'gps' && !mentionsGps(out, segment)) parts.push(body);
    } else if (segment.marker === 0xed || segment.marker === 0xfe) {
      if (mode === 'gps') parts.push(body);
    } else {
      parts.push(body);
    }
  }
  parts.push(out.subarray(header.scan));
  return concat(parts);
}

/** JPEG streams that start after the main image's first scan (a cheap scan for SOI + APPn). */
function* embeddedJpegs(bytes: Uint8Array, from: number): Generator<{ segments: Segment[] }> {
  for (let offset = from; offset + 4 < bytes.length; offset++) {
    if (bytes[offset] !== 0xff || bytes[offset + 1] !== 0xd8 || bytes[offset + 2] !== 0xff) continue;
    const marker = bytes[offset + 3]!;
    if (marker < 0xe0 || marker > 0xef) continue;
    const header = headerSegments(bytes, offset);
    if (header) {
      yield header;
      offset = header.scan;
    }
  }
}

function exifSegment(tiff: Uint8Array): Uint8Array {
  const length = 2 + EXIF.length + tiff.length;
  return concat([new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...EXIF]), tiff]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
