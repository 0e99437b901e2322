// WebP: a RIFF container ("RIFF" size "WEBP") of chunks: fourcc (4) + size (4, little-endian)
// + data padded to an even length. The first chunk is VP8 (lossy), VP8L (lossless) or VP8X
// (extended: canvas size, then ALPH/ANIM/ICCP/EXIF/XMP chunks around the image).
import { fits, hasSignature, latin1, positiveOrNull, uint16, uint24le, uint32 } from './bytes.ts';
import { readExifOrientation } from './tiff.ts';
import type { HeaderFields } from './types.ts';

const FIRST_CHUNK = 12;
const VP8_START_CODE = [0x9d, 0x01, 0x2a];
const VP8L_SIGNATURE = 0x2f;
const FOURTEEN_BITS = 0x3fff;

interface Chunk {
  type: string;
  dataStart: number;
  dataEnd: number;
}

function* riffChunks(bytes: Uint8Array): Generator<Chunk> {
  for (let offset = FIRST_CHUNK; fits(bytes, offset, 8);) {
    const size = uint32(bytes, offset + 4, true);
    yield { type: latin1(bytes, offset, 4), dataStart: offset + 8, dataEnd: offset + 8 + size };
    offset += 8 + size + (size % 2);
  }
}

/** Canvas size from the first chunk; orientation from the EXIF chunk that only VP8X files have. */
export function readWebpHeader(bytes: Uint8Array): HeaderFields {
  const fields: HeaderFields = { width: null, height: null, orientation: 1 };
  for (const { type, dataStart, dataEnd } of riffChunks(bytes)) {
    if (type === 'VP8X') {
      if (!fits(bytes, dataStart, 10)) break;
      // 24-bit canvas width and height, each stored minus one.
      fields.width = uint24le(bytes, dataStart + 4) + 1;
      fields.height = uint24le(bytes, dataStart + 7) + 1;
    } else if (type === 'EXIF') {
      fields.orientation = readExifOrientation(bytes, dataStart, dataEnd);
      break;
    } else if (fields.width === null) {
      // A simple file: the first chunk is the bitstream, whose frame header holds the size.
      return { ...readBitstreamSize(bytes, type, dataStart), orientation: 1 };
    }
  }
  return fields;
}

type Size = Pick<HeaderFields, 'width' | 'height'>;

function readBitstreamSize(bytes: Uint8Array, type: string, dataStart: number): Size {
  const isVp8 = type === 'VP8 ' && hasSignature(bytes, VP8_START_CODE, dataStart + 3);
  if (isVp8 && fits(bytes, dataStart + 6, 4)) {
    // After the 3-byte frame tag and start code: 14-bit width and height (top 2 bits: upscaling).
    return {
      width: positiveOrNull(uint16(bytes, dataStart + 6, true) & FOURTEEN_BITS),
      height: positiveOrNull(uint16(bytes, dataStart + 8, true) & FOURTEEN_BITS),
    };
  }
  if (type === 'VP8L' && bytes[dataStart] === VP8L_SIGNATURE && fits(bytes, dataStart + 1, 4)) {
    // Bit-packed, least significant first: 14 bits width − 1, 14 bits height − 1.
    const packed = uint32(bytes, dataStart + 1, true);
    return { width: (packed & FOURTEEN_BITS) + 1, height: ((packed >>> 14) & FOURTEEN_BITS) + 1 };
  }
  return { width: null, height: null };
}

/** True when the RIFF header declares more bytes than there are. */
export function isWebpTruncated(bytes: Uint8Array): boolean {
  return !fits(bytes, 4, 4) || 8 + uint32(bytes, 4, true) > bytes.length;
}
