// "Never bigger for nothing": when a spec leaves the decoded pixels as they are and keeps the
// source's format, re-encoding can only lose quality, and often adds bytes (a photo saved at
// quality 0.7 re-encoded at 0.85). Then the source's own bytes are the better variant, once its
// private metadata is gone. Done here, in the worker that made the variant: the page never reads
// the file whole.
import { isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { isAnimated } from '../src/shared/header/animation.ts';
import type { SourceFormat } from '../src/shared/header.ts';
import { stripMetadata } from '../src/shared/metadata/strip-metadata.ts';
import type { EncodedVariant } from '../src/shared/variant.ts';

/**
 * `variant`, or the source file (`source`: its bytes) without EXIF, XMP and IPTC (orientation and
 * ICC profile kept, losslessly: `stripMetadata(…, 'all')`) where that is smaller; never for an
 * animated source (its first frame alone is the variant).
 */
export function smallerOfSource(source: ArrayBuffer, format: SourceFormat, variant: EncodedVariant): EncodedVariant {
  const bytes = new Uint8Array(source);
  if (isAnimated(bytes, format)) return variant;
  let stripped: Uint8Array;
  try {
    stripped = stripMetadata(bytes, format, 'all');
  } catch (error) {
    // A container the stripper cannot walk still decoded: the re-encoded variant is sound, send it.
    if (isImageSpecError(error, 'CORRUPT_IMAGE')) return variant;
    throw error;
  }
  if (stripped.length >= variant.blob.size) return variant;
  const { quality: _quality, ...rest } = variant;
  return { ...rest, blob: new Blob([stripped as BlobPart], { type: format }) };
}
