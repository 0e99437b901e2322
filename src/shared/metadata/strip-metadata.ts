// Removes private metadata from an image file losslessly: the container is rewritten, the
// compressed pixels are copied byte for byte. Thread-neutral: no DOM.
import { ImageSpecError } from '../errors/imagespec-error.ts';
import type { SourceFormat } from '../header.ts';
import { stripJpeg } from './jpeg.ts';
import { stripPng } from './png.ts';
import { NOTHING_TO_STRIP, type RewrittenFormat } from './strippable.ts';
import type { StripMode } from './types.ts';
import { stripWebp } from './webp.ts';

export type { StripMode } from './types.ts';

type Stripper = (bytes: Uint8Array, mode: StripMode) => Uint8Array | null;

// One stripper for every format strippable.ts says is rewritten.
const STRIPPERS: Partial<Record<SourceFormat, Stripper>> = {
  'image/jpeg': stripJpeg,
  'image/png': stripPng,
  'image/webp': stripWebp,
} satisfies Record<RewrittenFormat, Stripper>;

/**
 * The file without GPS (`'gps'`), or without any EXIF, XMP and IPTC but its orientation
 * (`'all'`); ICC profiles and pixels untouched. Throws `UNSUPPORTED_FORMAT` for a format whose
 * metadata it cannot rewrite (rather than send what was asked to be removed), `CORRUPT_IMAGE`
 * for a container it cannot walk.
 *
 * @example
 * const clean = stripMetadata(new Uint8Array(await file.arrayBuffer()), 'image/jpeg', 'gps');
 */
export function stripMetadata(bytes: Uint8Array, format: SourceFormat, mode: StripMode): Uint8Array {
  if (NOTHING_TO_STRIP.has(format)) return bytes;
  const strip = STRIPPERS[format];
  if (!strip) {
    throw new ImageSpecError('UNSUPPORTED_FORMAT', `unsupported format: cannot remove metadata from ${format}`, {
      details: { format },
    });
  }
  const stripped = strip(bytes, mode);
  if (!stripped) {
    throw new ImageSpecError('CORRUPT_IMAGE', `corrupt image: the ${format} container could not be walked`, {
      details: { format },
    });
  }
  return stripped;
}
