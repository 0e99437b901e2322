// The original version: the file itself, or the file with metadata removed losslessly. What is
// sent is what the source's hash and size describe, so the upload id stays defined on those bytes.
import { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import type { ImageHeader } from '../shared/header.ts';
import { stripMetadata } from '../shared/metadata/strip-metadata.ts';
import type { StripMode } from '../shared/metadata/types.ts';
import type { ResolvedSpec } from '../shared/specs.ts';

/** What every original spec strips (null: the file is sent as it is). */
export function originalStripMode(specs: readonly ResolvedSpec[]): StripMode | null {
  const modes = new Set(specs.flatMap((spec) => (spec.kind === 'original' ? [spec.stripMetadata] : [])));
  if (modes.size > 1) {
    throw new ImageSpecError('INVALID_SPEC', 'invalid specs: every original spec must strip the same metadata', {
      details: { field: 'original.stripMetadata' },
    });
  }
  const [mode = null] = modes;
  return mode;
}

/**
 * The bytes every original spec sends: the file, or one stripped copy of it. The file is read
 * (`readBytes`) only to strip it.
 */
export async function originalBlob(
  file: Blob,
  readBytes: () => Promise<ArrayBuffer>,
  header: ImageHeader,
  specs: readonly ResolvedSpec[],
): Promise<Blob> {
  const mode = originalStripMode(specs);
  if (mode === null) return file;
  const stripped = stripMetadata(new Uint8Array(await readBytes()), header.format, mode);
  return new Blob([stripped as BlobPart], { type: header.format });
}
