// BMP: "BM", a 14-byte file header, then a DIB header whose first field is its own size.
import { fits, hasSignature, int32, positiveOrNull, uint16, uint32 } from './bytes.ts';
import type { HeaderFields } from './types.ts';

const DIB_HEADER = 14;
const CORE_HEADER_SIZE = 12;
/**
 * Known DIB header sizes (core, OS/2 short and long, info, v2, v3, v4, v5). "BM" alone is too
 * weak a signature: plenty of text starts with it.
 */
const DIB_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

/** True for "BM" followed by a DIB header of a known size. */
export function isBmp(bytes: Uint8Array): boolean {
  return (
    hasSignature(bytes, [0x42, 0x4d]) &&
    fits(bytes, DIB_HEADER, 4) &&
    DIB_HEADER_SIZES.has(uint32(bytes, DIB_HEADER, true))
  );
}

/**
 * Size from the DIB header. A negative height only says the rows run top-down, so its magnitude
 * is the height.
 */
export function readBmpHeader(bytes: Uint8Array): HeaderFields {
  const fields: HeaderFields = { width: null, height: null, orientation: 1 };
  if (!fits(bytes, DIB_HEADER, 4)) return fields;
  const sizesAt = DIB_HEADER + 4;
  if (uint32(bytes, DIB_HEADER, true) === CORE_HEADER_SIZE) {
    // BITMAPCOREHEADER (OS/2 1.x) has unsigned 16-bit sizes.
    if (!fits(bytes, sizesAt, 4)) return fields;
    fields.width = positiveOrNull(uint16(bytes, sizesAt, true));
    fields.height = positiveOrNull(uint16(bytes, sizesAt + 2, true));
  } else if (fits(bytes, sizesAt, 8)) {
    fields.width = positiveOrNull(int32(bytes, sizesAt, true));
    fields.height = positiveOrNull(Math.abs(int32(bytes, sizesAt + 4, true)));
  }
  return fields;
}
