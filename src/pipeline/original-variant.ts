// The original version: the file itself, or the file with metadata removed losslessly (by the
// worker that hashes the file, see workers/runtime.ts hashFile). What is sent is what the source's
// hash and size describe, so the upload id stays defined on those bytes.
import { ImageSpecError } from '../shared/errors/imagespec-error.ts';
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
