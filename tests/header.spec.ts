// The header reader is pure, so it is tested in Node without a page: on images sharp makes at
// test time, on hand-built headers for what sharp cannot write, and on the shared corpus.
import { test, expect } from '@playwright/test';
import sharp, { type Sharp } from 'sharp';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isTruncated, readImageHeader, sniffFormat } from '../src/shared/header.ts';
import type { ImageHeader, SourceFormat } from '../src/shared/header.ts';
import { FIXTURES_DIR, fixtureManifest, hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';

const WIDTH = 123;
const HEIGHT = 45;
const MIB = 1 << 20;

/** A noisy image, so that compressed data dominates the file and cutting it lands in pixels. */
function noisy(width = WIDTH, height = HEIGHT, channels: 3 | 4 = 3): Sharp {
  return sharp({
    create: {
      width,
      height,
      channels,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  });
}

async function encode(image: Sharp): Promise<Uint8Array> {
  return new Uint8Array(await image.toBuffer());
}

/** Deterministic pseudo-random bytes (mulberry32), so a failing case can be replayed. */
function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function randomBytes(length: number, seed: number): Uint8Array {
  const next = randomGenerator(seed);
  return Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** A JPEG marker segment: FF, marker, 16-bit length (which counts itself), payload. */
function segment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  return concat(Uint8Array.of(0xff, marker, length >> 8, length & 0xff), payload);
}

/** Inserts segments right after a JPEG's SOI marker. */
function spliceAfterSoi(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
  return concat(jpeg.subarray(0, 2), ...segments, jpeg.subarray(2));
}

/** A TIFF header and IFD0 holding SHORT entries, in either byte order. */
function tiffBlock(littleEndian: boolean, entries: ReadonlyArray<[tag: number, value: number]>): Uint8Array {
  const bytes = new Uint8Array(8 + 2 + entries.length * 12 + 4);
  const view = new DataView(bytes.buffer);
  bytes.set(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]);
  view.setUint16(2, 42, littleEndian);
  view.setUint32(4, 8, littleEndian);
  view.setUint16(8, entries.length, littleEndian);
  entries.forEach(([tag, value], index) => {
    const entry = 10 + index * 12;
    view.setUint16(entry, tag, littleEndian);
    view.setUint16(entry + 2, 3, littleEndian); // SHORT
    view.setUint32(entry + 4, 1, littleEndian);
    view.setUint16(entry + 8, value, littleEndian);
  });
  return bytes;
}

/** The header expected from a reader. */
function header(format: SourceFormat, width: number | null, height: number | null, orientation = 1): ImageHeader {
  return { format, width, height, orientation };
}

const EXIF_PREFIX = Uint8Array.from(Buffer.from('Exif\0\0', 'latin1'));
const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));
const fourcc = (bytes: Uint8Array, offset: number): string =>
  Buffer.from(bytes.subarray(offset, offset + 4)).toString('latin1');

/**
 * What is impossible about a header, or null. A plain check rather than `expect`: the fuzz loop
 * runs it ten thousand times, and every `expect` call records a test step.
 */
function impossibility(header: ImageHeader | null): string | null {
  if (header === null) return null;
  const { width, height, orientation } = header;
  const isSize = (size: number | null): boolean => size === null || (Number.isInteger(size) && size > 0);
  if (!isSize(width) || !isSize(height)) return `size ${width}x${height}`;
  const isOrientation = Number.isInteger(orientation) && orientation >= 1 && orientation <= 8;
  return isOrientation ? null : `orientation ${orientation}`;
}

test.describe('sniffing and sizes of images sharp makes', () => {
  type Case = [label: string, format: SourceFormat, make: () => Sharp, firstChunk?: string];
  const cases: readonly Case[] = [
    ['JPEG', 'image/jpeg', () => noisy().jpeg()],
    ['progressive JPEG', 'image/jpeg', () => noisy().jpeg({ progressive: true })],
    ['PNG', 'image/png', () => noisy().png()],
    ['lossy WebP', 'image/webp', () => noisy().webp(), 'VP8 '],
    ['lossless WebP', 'image/webp', () => noisy().webp({ lossless: true }), 'VP8L'],
    ['lossy WebP with alpha', 'image/webp', () => noisy(WIDTH, HEIGHT, 4).webp(), 'VP8X'],
    ['GIF', 'image/gif', () => noisy().gif()],
    ['AVIF', 'image/avif', () => noisy().avif()],
    ['TIFF', 'image/tiff', () => noisy().tiff()],
  ];
  for (const [label, format, make, firstChunk] of cases) {
    test(`a ${label} is recognised and declares its ${WIDTH}x${HEIGHT} size`, async () => {
      const bytes = await encode(make());
      if (firstChunk) expect(fourcc(bytes, 12), 'the WebP flavour under test').toBe(firstChunk);
      expect(sniffFormat(bytes)).toBe(format);
      expect(readImageHeader(bytes)).toEqual(header(format, WIDTH, HEIGHT));
    });
  }

  test('a 1x1 image declares 1x1, not an unknown size', async () => {
    const bytes = await encode(noisy(1, 1).jpeg());
    expect(readImageHeader(bytes)).toEqual(header('image/jpeg', 1, 1));
  });
});

test.describe('orientation', () => {
  const writers: ReadonlyArray<[label: string, format: SourceFormat, make: () => Sharp]> = [
    ['JPEG APP1 Exif', 'image/jpeg', () => noisy().jpeg()],
    ['WebP EXIF chunk', 'image/webp', () => noisy().webp()],
    ['PNG eXIf chunk', 'image/png', () => noisy().png()],
  ];
  for (const [label, format, make] of writers) {
    test(`is read from the ${label} sharp writes`, async () => {
      const bytes = await encode(make().withMetadata({ orientation: 6 }));
      expect(readImageHeader(bytes)).toEqual(header(format, WIDTH, HEIGHT, 6));
    });
  }

  for (const littleEndian of [true, false]) {
    const byteOrder = littleEndian ? 'little' : 'big';
    test(`is read from a ${byteOrder}-endian EXIF block in a JPEG`, async () => {
      const exif = concat(
        EXIF_PREFIX,
        tiffBlock(littleEndian, [
          [0x010f, 0],
          [0x0112, 8],
        ]),
      );
      const bytes = spliceAfterSoi(await encode(noisy().jpeg()), segment(0xe1, exif));
      expect(readImageHeader(bytes)).toEqual(header('image/jpeg', WIDTH, HEIGHT, 8));
    });
  }

  test('is 1 when the EXIF value is out of range; only the first EXIF segment counts', async () => {
    const invalid = segment(0xe1, concat(EXIF_PREFIX, tiffBlock(true, [[0x0112, 9]])));
    const later = segment(0xe1, concat(EXIF_PREFIX, tiffBlock(true, [[0x0112, 3]])));
    const bytes = spliceAfterSoi(await encode(noisy().jpeg()), invalid, later);
    expect(readImageHeader(bytes)?.orientation).toBe(1);
  });

  test('is 1 for an image without EXIF', async () => {
    expect(readImageHeader(await encode(noisy().jpeg()))?.orientation).toBe(1);
  });
});

test.describe('headers sharp cannot write', () => {
  test('a big-endian TIFF declares its size and orientation from IFD0', () => {
    const bytes = tiffBlock(false, [
      [0x0100, WIDTH],
      [0x0101, HEIGHT],
      [0x0112, 5],
    ]);
    expect(readImageHeader(bytes)).toEqual(header('image/tiff', WIDTH, HEIGHT, 5));
  });

  test('a top-down BMP (negative height) declares the height as a positive number', () => {
    const bytes = new Uint8Array(54);
    const view = new DataView(bytes.buffer);
    bytes.set(ascii('BM'));
    view.setUint32(2, bytes.length, true);
    view.setUint32(10, 54, true);
    view.setUint32(14, 40, true); // BITMAPINFOHEADER
    view.setInt32(18, WIDTH, true);
    view.setInt32(22, -HEIGHT, true);
    expect(readImageHeader(bytes)).toEqual(header('image/bmp', WIDTH, HEIGHT, 1));
  });

  test('text that merely starts with "BM" is not a BMP', () => {
    expect(sniffFormat(ascii('BMW and BMX bikes are not bitmaps.'))).toBeNull();
  });

  test('a JPEG XL codestream and a JPEG XL container are recognised, with the size unknown', () => {
    const codestream = Uint8Array.of(0xff, 0x0a, 0xfa, 0x12, 0x10, 0x00);
    const container = concat(
      Uint8Array.of(0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a),
      Uint8Array.of(0, 0, 0, 0x14, 0x66, 0x74, 0x79, 0x70), // the ftyp box that follows
    );
    for (const bytes of [codestream, container]) {
      expect(readImageHeader(bytes)).toEqual(header('image/jxl', null, null, 1));
    }
  });

  /** An `ftyp` box: major brand, minor version 0, compatible brands. */
  function ftyp(major: string, ...compatible: string[]): Uint8Array {
    const [size, minorVersion] = [new Uint8Array(4), new Uint8Array(4)];
    const bytes = concat(size, ascii(`ftyp${major}`), minorVersion, ...compatible.map(ascii));
    new DataView(bytes.buffer).setUint32(0, bytes.length);
    return bytes;
  }

  const brandCases: ReadonlyArray<[brands: string[], format: SourceFormat | null]> = [
    [['heic', 'mif1', 'heic'], 'image/heic'],
    [['mif1', 'heix'], 'image/heic'],
    [['msf1', 'hevc'], 'image/heic'],
    [['mif1', 'avif', 'miaf'], 'image/avif'],
    [['avis', 'msf1'], 'image/avif'],
    [['isom', 'iso2', 'mp41'], null],
    [['qt  '], null],
  ];
  for (const [[major = '', ...compatible], format] of brandCases) {
    const brands = [major, ...compatible].join(', ');
    test(`an ISO-BMFF file with brands ${brands} sniffs as ${format}`, () => {
      expect(sniffFormat(ftyp(major, ...compatible))).toBe(format);
    });
  }

  test('a HEIF declares the size of its largest ispe property (the grid, not its tiles)', () => {
    const box = (type: string, ...content: Uint8Array[]): Uint8Array => {
      const bytes = concat(new Uint8Array(4), ascii(type), ...content);
      new DataView(bytes.buffer).setUint32(0, bytes.length);
      return bytes;
    };
    const fullBoxHeader = new Uint8Array(4);
    const ispe = (width: number, height: number): Uint8Array => {
      const size = new Uint8Array(8);
      new DataView(size.buffer).setUint32(0, width);
      new DataView(size.buffer).setUint32(4, height);
      return box('ispe', fullBoxHeader, size);
    };
    const ipco = box('ipco', ispe(512, 512), ispe(4032, 3024), ispe(320, 240));
    const meta = box('meta', fullBoxHeader, box('hdlr', new Uint8Array(20)), box('iprp', ipco));
    const bytes = concat(ftyp('heic', 'mif1', 'heic'), meta);
    expect(readImageHeader(bytes)).toEqual(header('image/heic', 4032, 3024, 1));
  });

  const svgCases: ReadonlyArray<[label: string, text: string]> = [
    ['a bare root element', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    [
      'a BOM, an XML declaration, a comment and a doctype',
      '\ufeff<?xml version="1.0"?>\n<!-- drawn by hand -->\n' +
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" ' +
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg>',
    ],
    ['a doctype with an internal subset', '<!DOCTYPE svg [ <!ENTITY a "<b>"> ]>\n  <svg viewBox="0 0 1 1">'],
  ];
  for (const [label, text] of svgCases) {
    test(`SVG text with ${label} is recognised`, () => {
      expect(sniffFormat(new Uint8Array(Buffer.from(text, 'utf8')))).toBe('image/svg+xml');
    });
  }

  test('SVG declares its size only when the root width and height are plain pixel numbers', () => {
    const read = (text: string): ImageHeader | null => readImageHeader(ascii(text));
    const pixels = `<svg stroke-width="3" width="${WIDTH}" height='${HEIGHT}px'><rect/></svg>`;
    expect(read(pixels)).toEqual(header('image/svg+xml', WIDTH, HEIGHT));
    const relative = '<svg width="100%" height="10cm" viewBox="0 0 10 10"/>';
    expect(read(relative)).toEqual(header('image/svg+xml', null, null));
  });

  test('HTML, text and an <svg> element past the first 4 KiB are not SVG', () => {
    expect(sniffFormat(ascii('<!DOCTYPE html><html><body><svg></svg></body></html>'))).toBeNull();
    expect(sniffFormat(ascii('<svgalike/>'))).toBeNull();
    expect(sniffFormat(ascii(`<!--${' '.repeat(5000)}--><svg/>`))).toBeNull();
  });
});

test.describe('input that is not an image', () => {
  test('plain text is no format', () => {
    const text = ascii('This is a plain text file, not an image.\nIt only has a .jpg file name.\n');
    expect(sniffFormat(text)).toBeNull();
    expect(readImageHeader(text)).toBeNull();
  });

  test('random bytes and empty input are no format', () => {
    const soiOnly = Uint8Array.of(0xff, 0xd8);
    const inputs = [randomBytes(8192, 1), randomBytes(100, 2), new Uint8Array(0), soiOnly];
    for (const bytes of inputs) {
      expect(sniffFormat(bytes)).toBeNull();
      expect(readImageHeader(bytes)).toBeNull();
    }
  });
});

test.describe('truncation', () => {
  test('a whole JPEG is not truncated, and the same JPEG cut in half is', async () => {
    const bytes = await encode(noisy(640, 480).jpeg());
    expect(isTruncated(bytes, 'image/jpeg')).toBe(false);
    expect(isTruncated(bytes.subarray(0, bytes.length >> 1), 'image/jpeg')).toBe(true);
    expect(isTruncated(bytes.subarray(0, bytes.length - 2), 'image/jpeg')).toBe(true);
  });

  test('a whole progressive JPEG, with its many scans, is not truncated', async () => {
    const bytes = await encode(noisy(640, 480).jpeg({ progressive: true }));
    expect(isTruncated(bytes, 'image/jpeg')).toBe(false);
    expect(isTruncated(bytes.subarray(0, bytes.length - 100), 'image/jpeg')).toBe(true);
  });

  test('a JPEG with 1 KB of data after EOI (a motion photo, say) is not truncated', async () => {
    const bytes = concat(await encode(noisy(640, 480).jpeg()), randomBytes(1024, 3));
    expect(isTruncated(bytes, 'image/jpeg')).toBe(false);
  });

  test('the EOI of an EXIF thumbnail inside APP1 does not end the JPEG', async () => {
    const thumbnail = concat(await encode(noisy(16, 16).jpeg()));
    const exif = segment(0xe1, concat(EXIF_PREFIX, tiffBlock(false, [[0x0112, 1]]), thumbnail));
    const bytes = spliceAfterSoi(await encode(noisy(640, 480).jpeg()), exif);
    expect(isTruncated(bytes, 'image/jpeg')).toBe(false);
    expect(isTruncated(bytes.subarray(0, bytes.length >> 1), 'image/jpeg')).toBe(true);
  });

  test('a PNG without its last 12 bytes (IEND) is truncated, the whole PNG is not', async () => {
    const bytes = await encode(noisy().png());
    expect(isTruncated(bytes, 'image/png')).toBe(false);
    expect(isTruncated(bytes.subarray(0, bytes.length - 12), 'image/png')).toBe(true);
    expect(isTruncated(bytes.subarray(0, bytes.length - 4), 'image/png')).toBe(true);
  });

  test('a GIF without its trailer is truncated, the whole GIF is not', async () => {
    const bytes = await encode(noisy().gif());
    expect(isTruncated(bytes, 'image/gif')).toBe(false);
    expect(isTruncated(bytes.subarray(0, bytes.length - 1), 'image/gif')).toBe(true);
    expect(isTruncated(bytes.subarray(0, bytes.length >> 1), 'image/gif')).toBe(true);
  });

  test('a WebP shorter than its RIFF size is truncated, the whole WebP is not', async () => {
    const bytes = await encode(noisy().webp());
    expect(isTruncated(bytes, 'image/webp')).toBe(false);
    expect(isTruncated(bytes.subarray(0, bytes.length - 1), 'image/webp')).toBe(true);
  });

  test('formats without a check are never called truncated', async () => {
    const bytes = await encode(noisy().avif());
    expect(isTruncated(bytes.subarray(0, 100), 'image/avif')).toBe(false);
  });
});

test.describe('a prefix of a file', () => {
  const EXIF_ORIENTATION_3 = segment(0xe1, concat(EXIF_PREFIX, tiffBlock(true, [[0x0112, 3]])));

  /** A JPEG whose SOF lies past `before` bytes of comment segments full of FF D9 lookalikes. */
  async function jpegWithBigComments(before: number): Promise<Uint8Array> {
    const payload = new Uint8Array(65_533).map((_, index) => (index % 2 ? 0xd9 : 0xff));
    const count = Math.ceil(before / payload.length);
    const comments = Array.from({ length: count }, () => segment(0xfe, payload));
    return spliceAfterSoi(await encode(noisy().jpeg()), EXIF_ORIENTATION_3, ...comments);
  }

  test('the first 1 KiB of a JPEG whose SOF lies later gives the format and no size', async () => {
    const bytes = await jpegWithBigComments(2048);
    expect(readImageHeader(bytes.subarray(0, 1024))).toEqual(header('image/jpeg', null, null, 3));
  });

  test('a JPEG with 1.3 MB of segments before SOF declares its size only read whole', async () => {
    const bytes = await jpegWithBigComments(1.3 * MIB);
    expect(readImageHeader(bytes)).toEqual(header('image/jpeg', WIDTH, HEIGHT, 3));
    expect(readImageHeader(bytes.subarray(0, MIB))).toEqual(header('image/jpeg', null, null, 3));
    expect(isTruncated(bytes, 'image/jpeg')).toBe(false);
    expect(isTruncated(bytes.subarray(0, MIB), 'image/jpeg')).toBe(true);
  });

  test('every prefix of 0..600 bytes, and corrupted headers, read without throwing', async () => {
    const files = await Promise.all([
      encode(noisy().jpeg().withMetadata({ orientation: 6 })),
      encode(noisy().png().withMetadata({ orientation: 6 })),
      encode(noisy().webp().withMetadata({ orientation: 6 })),
      encode(noisy().webp({ lossless: true })),
      encode(noisy().gif()),
      encode(noisy().avif()),
      encode(noisy().tiff()),
      Promise.resolve(
        tiffBlock(false, [
          [0x0100, WIDTH],
          [0x0101, HEIGHT],
        ]),
      ),
      Promise.resolve(ascii(`<?xml version="1.0"?><svg width="${WIDTH}" height="${HEIGHT}"></svg>`)),
    ]);
    const next = randomGenerator(4);
    const problems: string[] = [];
    const check = (bytes: Uint8Array, format: SourceFormat, what: string): void => {
      try {
        const problem = impossibility(readImageHeader(bytes));
        if (problem) problems.push(`${format} ${what}: ${problem}`);
        isTruncated(bytes, format);
      } catch (error) {
        problems.push(`${format} ${what}: threw ${String(error)}`);
      }
    };
    for (const file of files) {
      const format = sniffFormat(file);
      if (format === null) throw new Error('a fuzz seed file is not recognised');
      for (let length = 0; length <= 600; length++) {
        check(file.subarray(0, length), format, `prefix of ${length}`);
      }
      // Overwrite a few header bytes at random: lengths and offsets then point anywhere.
      for (let round = 0; round < 500; round++) {
        const corrupt = file.slice(0, 600 + (round % 3) * 300);
        for (let flips = 1 + Math.floor(next() * 6); flips > 0; flips--) {
          corrupt[Math.floor(next() * Math.min(corrupt.length, 600))] = Math.floor(next() * 256);
        }
        check(corrupt, format, `corruption ${round}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

test.describe('the shared corpus', () => {
  /** The manifest's format names (exiftool's, or `file`'s for non-images) as MIME types. */
  const MIME_BY_MANIFEST_FORMAT: Readonly<Record<string, SourceFormat | null>> = {
    JPEG: 'image/jpeg',
    PNG: 'image/png',
    GIF: 'image/gif',
    WEBP: 'image/webp',
    'Extended WEBP': 'image/webp',
    AVIF: 'image/avif',
    HEIC: 'image/heic',
    SVG: 'image/svg+xml',
    empty: null,
    TXT: null,
    'unknown (data)': null,
  };

  test.skip(!hasFixtures, NO_FIXTURES);
  const manifest = fixtureManifest();

  test('the manifest lists files, all of which exist', () => {
    expect(manifest.length).toBeGreaterThan(0);
    for (const { file } of manifest) expect(existsSync(path.join(FIXTURES_DIR, file)), file).toBe(true);
  });

  for (const entry of manifest) {
    test(`${entry.file}: format, size and orientation match the manifest, whole and 1 MiB`, () => {
      const knownFormats = Object.keys(MIME_BY_MANIFEST_FORMAT);
      expect(knownFormats, 'a manifest format this test knows').toContain(entry.format);
      const format = MIME_BY_MANIFEST_FORMAT[entry.format] ?? null;
      const bytes = new Uint8Array(readFixture(entry.file));
      for (const [label, given] of [
        ['whole file', bytes],
        ['first 1 MiB', bytes.subarray(0, MIB)],
      ] as const) {
        expect(sniffFormat(given), label).toBe(format);
        const read = readImageHeader(given);
        if (format === null) {
          expect(read, label).toBeNull();
          continue;
        }
        const orientation = entry.orientation ?? 1;
        expect(read, label).toEqual(header(format, entry.width, entry.height, orientation));
      }
    });
  }

  test('bad-truncated-half.jpg is truncated, and no file the manifest calls ok is', () => {
    const read = (file: string): Uint8Array => new Uint8Array(readFixture(file));
    expect(isTruncated(read('bad-truncated-half.jpg'), 'image/jpeg')).toBe(true);
    for (const entry of manifest.filter((candidate) => candidate.expect === 'ok')) {
      const bytes = read(entry.file);
      const format = sniffFormat(bytes);
      expect(format, entry.file).not.toBeNull();
      if (format) expect(isTruncated(bytes, format), entry.file).toBe(false);
    }
  });
});
