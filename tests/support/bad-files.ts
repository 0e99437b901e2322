// Bad inputs made at test time, one per way a file can be refused, so that a clone without the
// shared corpus still tests every error code. Each mimics what its corpus twin is.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A complete PNG (signature, IHDR, IDAT, IEND) declaring `width` x `height` 8-bit grey pixels,
 * whose IDAT holds `idat`: a header with any size the test needs and only a few bytes of data.
 */
export function pngWithData(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A decompression bomb's header: 30000 x 30000 declared (900 MP), a first row of data, IEND. */
export function pngHeaderBomb(width = 30_000, height = 30_000): Buffer {
  return pngWithData(width, height, deflateSync(Buffer.alloc(width + 1)));
}

/** Bytes that repeat for the same seed (a linear congruential generator). */
export function seededBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** A well-formed PNG whose compressed pixel data is noise: it parses, it does not decode. */
export function pngWithGarbageData(width = 64, height = 48): Buffer {
  return pngWithData(width, height, seededBytes(512, 7));
}

/** An SVG that would run a script if it were ever shown as a document. */
export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">' +
    '<script>alert(document.domain)</script><rect width="400" height="300" fill="red"/></svg>',
);

/** A text file a user named photo.jpg. */
export const TEXT_NAMED_JPG = Buffer.from('Shopping list:\n- milk\n- eggs\nThis is not a photo.\n');

function box(type: string, ...content: Buffer[]): Buffer {
  const head = Buffer.alloc(8);
  const body = Buffer.concat(content);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

const fullBox = (type: string, ...content: Buffer[]) => box(type, Buffer.alloc(4), ...content);

/**
 * A HEIC file's structure as an iPhone writes it (ftyp heic, meta → iprp → ipco → ispe with
 * 4032 x 3024), with noise where the HEVC data would be: Chromium decodes no HEIC at all.
 */
export function heicLike(): Buffer {
  const extents = Buffer.alloc(8);
  extents.writeUInt32BE(4032, 0);
  extents.writeUInt32BE(3024, 4);
  const ftyp = box('ftyp', Buffer.from('heic'), Buffer.alloc(4), Buffer.from('mif1heic'));
  const meta = fullBox('meta', box('iprp', box('ipco', fullBox('ispe', extents))));
  return Buffer.concat([ftyp, meta, box('mdat', seededBytes(4096, 11))]);
}
