// PNG: an 8-byte signature, then chunks of length (4) + type (4) + data + CRC (4); IHDR first.
import { fits, latin1, positiveOrNull, uint32 } from './bytes.ts';
import { readExifOrientation } from './tiff.ts';
import type { HeaderFields } from './types.ts';

const SIGNATURE_LENGTH = 8;

interface Chunk {
  type: string;
  dataStart: number;
  dataEnd: number;
  /** Where the next chunk starts, after the CRC; may lie past the bytes given. */
  end: number;
}

/** Every chunk whose length and type arrived, stepping over data by its declared length. */
export function* pngChunks(bytes: Uint8Array): Generator<Chunk> {
  for (let offset = SIGNATURE_LENGTH; fits(bytes, offset, 8);) {
    const dataStart = offset + 8;
    const dataEnd = dataStart + uint32(bytes, offset);
    yield { type: latin1(bytes, offset + 4, 4), dataStart, dataEnd, end: dataEnd + 4 };
    offset = dataEnd + 4;
  }
}

/** Size from IHDR; orientation from an eXIf chunk, which may come after IDAT. */
export function readPngHeader(bytes: Uint8Array): HeaderFields {
  const fields: HeaderFields = { width: null, height: null, orientation: 1 };
  if (latin1(bytes, 12, 4) === 'IHDR' && fits(bytes, 16, 8)) {
    fields.width = positiveOrNull(uint32(bytes, 16));
    fields.height = positiveOrNull(uint32(bytes, 20));
  }
  for (const { type, dataStart, dataEnd } of pngChunks(bytes)) {
    if (type === 'IEND') break;
    if (type === 'eXIf') {
      fields.orientation = readExifOrientation(bytes, dataStart, dataEnd);
      break;
    }
  }
  return fields;
}

/** True unless a complete IEND chunk is reached by walking the chunks. */
export function isPngTruncated(bytes: Uint8Array): boolean {
  for (const { type, end } of pngChunks(bytes)) {
    if (type === 'IEND') return end > bytes.length;
  }
  return true;
}
