// "Never bigger for nothing": when a spec leaves the decoded pixels as they are and keeps the
// source's format, re-encoding can only lose quality, and often adds bytes (a photo saved at
// quality 0.7 re-encoded at 0.85). Then the source's own bytes are the better variant, once its
// private metadata is gone.
import { isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { isAnimated } from '../src/shared/header/animation.ts';
import type { SourceFormat } from '../src/shared/header.ts';
import { stripMetadata } from '../src/shared/metadata/strip-metadata.ts';

/**
 * The source file without EXIF, XMP and IPTC (orientation and ICC profile kept, losslessly:
 * `stripMetadata(…, 'all')`) when that is smaller than `encoded`; undefined when it is not, or
 * when the source is an animation (its first frame alone is the variant).
 */
export async function smallerSource(file: Blob, format: SourceFormat, encoded: Blob): Promise<Blob | undefined> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isAnimated(bytes, format)) return undefined;
  let stripped: Uint8Array;
  try {
    stripped = stripMetadata(bytes, format, 'all');
  } catch (error) {
    // A container the stripper cannot walk still decoded: the re-encoded variant is sound, send it.
    if (isImageSpecError(error, 'CORRUPT_IMAGE')) return undefined;
    throw error;
  }
  return stripped.length < encoded.size ? new Blob([stripped as BlobPart], { type: format }) : undefined;
}
