// JPEG: a chain of marker segments; after each SOS comes entropy-coded data with no length,
// which ends at the first 0xFF that is not stuffing (FF00), a restart marker or fill.
import { fits, positiveOrNull, uint16 } from './bytes.ts';
import { isExifPayload, readExifOrientation } from './tiff.ts';
import type { HeaderFields } from './types.ts';

const APP1 = 0xe1;
const SOS = 0xda;
const EOI = 0xd9;
/** Start-of-frame markers that carry the size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames. */
const START_OF_FRAME = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

interface Segment {
  marker: number;
  /** Where the segment's payload starts, after the marker and its length field. */
  dataStart: number;
  /** Where the next segment starts; may lie past the bytes given. */
  end: number;
}

/** Markers without a length field: TEM, RST0–7, SOI, EOI. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
}

function isRestart(marker: number): boolean {
  return marker >= 0xd0 && marker <= 0xd7;
}

/**
 * Every segment after SOI, skipping the entropy-coded data after each SOS, until EOI or the
 * bytes run out. A segment reaching past the end is yielded (its start may hold what we need)
 * and ends the walk.
 */
function* jpegSegments(bytes: Uint8Array): Generator<Segment> {
  let offset = 2;
  while (offset < bytes.length) {
    // Like libjpeg, skip stray bytes up to the next 0xFF; repeated 0xFFs are fill before a marker.
    let markerAt = bytes.indexOf(0xff, offset);
    if (markerAt < 0) return;
    while (bytes[markerAt] === 0xff) markerAt++;
    const marker = bytes[markerAt];
    if (marker === undefined) return;
    if (marker === 0x00) {
      offset = markerAt + 1;
      continue;
    }
    if (isStandalone(marker)) {
      yield { marker, dataStart: markerAt + 1, end: markerAt + 1 };
      offset = markerAt + 1;
      continue;
    }
    if (!fits(bytes, markerAt + 1, 2)) return;
    const length = uint16(bytes, markerAt + 1);
    if (length < 2) return;
    const end = markerAt + 1 + length;
    yield { marker, dataStart: markerAt + 3, end };
    if (end > bytes.length) return;
    offset = marker === SOS ? skipEntropyCodedData(bytes, end) : end;
  }
}

/** The offset of the marker that ends the scan starting at `offset`, or the end of the bytes. */
function skipEntropyCodedData(bytes: Uint8Array, offset: number): number {
  for (let at = bytes.indexOf(0xff, offset); at >= 0; at = bytes.indexOf(0xff, at + 1)) {
    const next = bytes[at + 1];
    if (next === undefined) break;
    if (next !== 0x00 && next !== 0xff && !isRestart(next)) return at;
  }
  return bytes.length;
}

/** Size from the first start-of-frame segment, orientation from the first EXIF APP1 segment. */
export function readJpegHeader(bytes: Uint8Array): HeaderFields {
  const fields: HeaderFields = { width: null, height: null, orientation: 1 };
  let exifSeen = false;
  let frameSeen = false;
  for (const { marker, dataStart, end } of jpegSegments(bytes)) {
    if (marker === SOS || marker === EOI) break;
    if (marker === APP1 && !exifSeen && isExifPayload(bytes, dataStart)) {
      exifSeen = true;
      fields.orientation = readExifOrientation(bytes, dataStart, end);
    } else if (START_OF_FRAME.has(marker) && !frameSeen) {
      frameSeen = true;
      // Payload: sample precision (1 byte), height (2), width (2). Height 0 defers to a DNL marker.
      if (!fits(bytes, dataStart, 5)) break;
      fields.height = positiveOrNull(uint16(bytes, dataStart + 1));
      fields.width = positiveOrNull(uint16(bytes, dataStart + 3));
    }
  }
  return fields;
}

/**
 * True when the bytes end before EOI. Segments are skipped by their length, so the FFD9 of an
 * EXIF thumbnail inside APP1 does not count; bytes after EOI (a motion photo's video) are fine.
 */
export function isJpegTruncated(bytes: Uint8Array): boolean {
  for (const { marker } of jpegSegments(bytes)) {
    if (marker === EOI) return false;
  }
  return true;
}
