// "Never bigger for nothing": when a spec leaves the decoded pixels as they are and keeps the
// source's format, re-encoding can only lose quality, and often adds bytes (a photo saved at
// quality 0.7 re-encoded at 0.85). Then the source's own bytes are the better variant, once its
// private metadata is gone. The worker says which variants qualify; the swap happens here, on the
// page, where the metadata rewriter already is for originals (the worker bundle stays small).
import { isImageSpecError } from '../shared/errors/imagespec-error.ts';
import { isAnimated } from '../shared/header/animation.ts';
import type { SourceFormat } from '../shared/header.ts';
import { stripMetadata } from '../shared/metadata/strip-metadata.ts';
import type { EncodedVariant } from '../shared/variant.ts';
import type { WorkerJobResult } from '../shared/worker-protocol.ts';

/**
 * The source file without EXIF, XMP and IPTC (orientation and ICC profile kept, losslessly:
 * `stripMetadata(…, 'all')`) when that is smaller than `encoded`; undefined when it is not, or
 * when the source is an animation (its first frame alone is the variant).
 */
async function smallerSource(file: Blob, format: SourceFormat, encoded: Blob): Promise<Blob | undefined> {
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

/**
 * The worker's result with each variant it marked `untouched` replaced by the source's bytes where
 * those are smaller (and then without the re-encode's quality).
 */
export async function keepSmallerSources(
  file: Blob,
  format: SourceFormat,
  result: WorkerJobResult,
): Promise<WorkerJobResult> {
  const variants = await Promise.all(
    result.variants.map(async ({ untouched, ...variant }): Promise<EncodedVariant> => {
      const kept = untouched ? await smallerSource(file, format, variant.blob) : undefined;
      if (!kept) return variant;
      const { quality: _quality, ...rest } = variant;
      return { ...rest, blob: kept };
    }),
  );
  return { ...result, variants };
}
