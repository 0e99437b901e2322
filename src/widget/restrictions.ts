// What the widget refuses before any processing: too many files, too many bytes, and anything
// whose magic bytes are not an image type the `accept` attribute allows. The file's name and the
// browser's declared type are never trusted: a text file named .jpg is refused.
import { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import { sniffFormat, type SourceFormat } from '../shared/header.ts';
import { canStripMetadata } from '../shared/metadata/strippable.ts';
import { readBytes } from '../shared/read-file.ts';

/** Enough of a file for every signature sniffFormat knows (ISO BMFF brands included). */
const SNIFF_BYTES = 4096;

/** The raster formats `image/*` stands for. SVG is never one: it can carry scripts. */
const RASTER_FORMATS: readonly SourceFormat[] = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/heic',
  'image/jxl',
  'image/tiff',
];

const EXTENSIONS: Readonly<Record<string, SourceFormat>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.jfif': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.heic': 'image/heic',
  '.heif': 'image/heic',
  '.jxl': 'image/jxl',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

const ALIASES: Readonly<Record<string, SourceFormat>> = { 'image/jpg': 'image/jpeg', 'image/heif': 'image/heic' };

/** The formats an `accept` value (as on `<input type=file>`) allows; empty or absent means every raster image. */
export function acceptedFormats(accept: string): ReadonlySet<SourceFormat> {
  const tokens = accept
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length === 0) return new Set(RASTER_FORMATS);
  const formats = new Set<SourceFormat>();
  for (const token of tokens) {
    if (token === 'image/*') RASTER_FORMATS.forEach((format) => formats.add(format));
    const format = EXTENSIONS[token] ?? ALIASES[token] ?? RASTER_FORMATS.find((raster) => raster === token);
    if (format) formats.add(format);
  }
  return formats;
}

/** The limits of one widget. */
export interface Restrictions {
  formats: ReadonlySet<SourceFormat>;
  /** Bytes. */
  maxFileSize: number;
  maxFiles: number;
  /** The original is sent without (some of) its metadata: formats that cannot be rewritten are refused. */
  stripsMetadata: boolean;
}

/**
 * Resolves to null when `file` may be taken as the `position`-th file (0-based) of the widget,
 * else to the refusal: `TOO_MANY_FILES`, `FILE_TOO_LARGE` or `UNSUPPORTED_FORMAT`, checked in
 * that order so that the cheapest answer needs no read.
 */
export async function refusalOf(
  file: File,
  position: number,
  restrictions: Restrictions,
): Promise<ImageSpecError | null> {
  const label = `"${file.name}"`;
  if (position >= restrictions.maxFiles) {
    return new ImageSpecError(
      'TOO_MANY_FILES',
      `too many files: ${label} would be file ${position + 1} of at most ${restrictions.maxFiles}`,
      {
        details: { maxFiles: restrictions.maxFiles },
      },
    );
  }
  if (file.size > restrictions.maxFileSize) {
    return new ImageSpecError(
      'FILE_TOO_LARGE',
      `file too large: ${label} has ${file.size} bytes, over the limit of ${restrictions.maxFileSize}`,
      {
        details: { bytes: file.size, maxFileSize: restrictions.maxFileSize },
      },
    );
  }
  let head: ArrayBuffer;
  try {
    head = await readBytes(file.slice(0, SNIFF_BYTES), file.name);
  } catch (error) {
    return error as ImageSpecError; // READ_FAILED: the file changed or went away on disk
  }
  const format = sniffFormat(new Uint8Array(head));
  if (format === null || !restrictions.formats.has(format)) {
    return new ImageSpecError(
      'UNSUPPORTED_FORMAT',
      `unsupported format: ${label} is ${format ?? 'not an image'}, not one of ${[...restrictions.formats].join(', ') || 'nothing'}`,
      { details: { format: format ?? 'unknown' } },
    );
  }
  if (restrictions.stripsMetadata && !canStripMetadata(format)) {
    return new ImageSpecError(
      'UNSUPPORTED_FORMAT',
      `unsupported format: ${label} is ${format}, whose metadata cannot be removed before it is sent`,
      { details: { format, reason: 'metadata' } },
    );
  }
  return null;
}

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|kib|mib|gib)?\s*$/i;
const SCALE: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** `max-file-size`: bytes, or a number with a unit ("10MB", "512 KiB"); absent or unreadable means no limit. */
export function parseByteSize(value: string | null): number {
  const match = value === null ? null : SIZE.exec(value);
  if (!match) return Infinity;
  return Math.floor(Number(match[1]) * SCALE[(match[2] ?? 'b').toLowerCase()]!);
}
