// ISO base media file format (HEIF, AVIF): nested boxes of size (4) + type (4) + content.
// The brands in `ftyp` say what the file is; `ispe` properties under meta/iprp/ipco give sizes.
import { fits, latin1, uint32 } from './bytes.ts';
import type { HeaderFields } from './types.ts';

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
/** FullBoxes (meta, ispe) start their content with a version byte and 3 bytes of flags. */
const FULL_BOX_HEADER = 4;

interface Box {
  type: string;
  contentStart: number;
  end: number;
}

/** The HEIF flavour announced by the `ftyp` brands, or null (plain MP4, QuickTime, …). */
export function sniffIsoBmff(bytes: Uint8Array): 'image/avif' | 'image/heic' | null {
  if (latin1(bytes, 4, 4) !== 'ftyp' || !fits(bytes, 8, 4)) return null;
  // ftyp content: major brand (4), minor version (4), then compatible brands to the box's end.
  const end = Math.min(uint32(bytes, 0), bytes.length);
  const brands = [latin1(bytes, 8, 4)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(latin1(bytes, offset, 4));
  // AVIF files usually list mif1 too, so AVIF brands are checked first.
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'image/avif';
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'image/heic';
  return null;
}

/** The boxes in `bytes[start, end)` whose headers arrived; a box may end past the bytes given. */
function* boxes(bytes: Uint8Array, start: number, end: number): Generator<Box> {
  const limit = Math.min(end, bytes.length);
  for (let offset = start; offset + 8 <= limit;) {
    const type = latin1(bytes, offset + 4, 4);
    let size = uint32(bytes, offset);
    let headerLength = 8;
    if (size === 1) {
      // A 64-bit size follows the type.
      if (!fits(bytes, offset + 8, 8)) return;
      size = uint32(bytes, offset + 8) * 2 ** 32 + uint32(bytes, offset + 12);
      headerLength = 16;
    } else if (size === 0) {
      size = end - offset; // the box runs to the end of its parent (or of the file)
    }
    if (size < headerLength) return;
    yield { type, contentStart: offset + headerLength, end: offset + size };
    offset += size;
  }
}

function findBox(bytes: Uint8Array, start: number, end: number, type: string): Box | null {
  for (const box of boxes(bytes, start, end)) if (box.type === type) return box;
  return null;
}

/**
 * The largest `ispe` (image spatial extents) under meta → iprp → ipco. Thumbnails, tiles of a
 * grid and auxiliary images have their own, smaller ones; the primary image is the largest.
 * Orientation stays 1: HEIF rotates by `irot`/`imir` boxes, which decoders apply, not EXIF.
 */
export function readIsoBmffHeader(bytes: Uint8Array): HeaderFields {
  const fields: HeaderFields = { width: null, height: null, orientation: 1 };
  const meta = findBox(bytes, 0, bytes.length, 'meta');
  const iprp = meta && findBox(bytes, meta.contentStart + FULL_BOX_HEADER, meta.end, 'iprp');
  const ipco = iprp && findBox(bytes, iprp.contentStart, iprp.end, 'ipco');
  if (!ipco) return fields;
  let largestArea = 0;
  for (const { type, contentStart } of boxes(bytes, ipco.contentStart, ipco.end)) {
    const sizeAt = contentStart + FULL_BOX_HEADER;
    if (type !== 'ispe' || !fits(bytes, sizeAt, 8)) continue;
    const width = uint32(bytes, sizeAt);
    const height = uint32(bytes, sizeAt + 4);
    if (width * height > largestArea) {
      largestArea = width * height;
      fields.width = width;
      fields.height = height;
    }
  }
  return fields;
}
