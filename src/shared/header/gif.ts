// GIF: header (6), logical screen descriptor (7), optional global colour table, then blocks
// (extensions 0x21, images 0x2C) until the trailer 0x3B.
import { fits, positiveOrNull, uint16 } from './bytes.ts';
import type { HeaderFields } from './types.ts';

const EXTENSION = 0x21;
const IMAGE = 0x2c;
const TRAILER = 0x3b;
const SCREEN_DESCRIPTOR_END = 13;
const IMAGE_DESCRIPTOR_LENGTH = 10;

/** The logical screen size, which every frame is drawn into. */
export function readGifHeader(bytes: Uint8Array): HeaderFields {
  if (!fits(bytes, 6, 4)) return { width: null, height: null, orientation: 1 };
  return {
    width: positiveOrNull(uint16(bytes, 6, true)),
    height: positiveOrNull(uint16(bytes, 8, true)),
    orientation: 1,
  };
}

/** Bytes in the colour table that a packed-fields byte announces (bit 7 set: 3 × 2^(n+1)). */
function colorTableLength(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0;
}

/** The offset after a run of data sub-blocks and its zero terminator; past the end if cut off. */
function skipSubBlocks(bytes: Uint8Array, offset: number): number {
  let at = offset;
  for (let size = bytes[at]; size !== undefined; size = bytes[at]) {
    at += 1 + size;
    if (size === 0) return at;
  }
  return bytes.length + 1;
}

/**
 * True when the blocks run out before the trailer. An unknown block byte is corruption, not a
 * cut: decoders stop there and show the frames they have, so it is not reported as truncated.
 */
export function isGifTruncated(bytes: Uint8Array): boolean {
  let offset = SCREEN_DESCRIPTOR_END + colorTableLength(bytes[10] ?? 0);
  while (offset < bytes.length) {
    const introducer = bytes[offset];
    if (introducer === TRAILER) return false;
    if (introducer === EXTENSION) {
      offset = skipSubBlocks(bytes, offset + 2);
    } else if (introducer === IMAGE) {
      const packed = bytes[offset + IMAGE_DESCRIPTOR_LENGTH - 1] ?? 0;
      // After the descriptor and local colour table comes one byte of LZW minimum code size.
      const dataStart = offset + IMAGE_DESCRIPTOR_LENGTH + colorTableLength(packed) + 1;
      offset = skipSubBlocks(bytes, dataStart);
    } else {
      return false;
    }
  }
  return true;
}
