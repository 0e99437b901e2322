// The versions the widget makes when the page sets no specs, and which of a file's versions its
// row shows.
import { resizeToFill } from '../shared/processors/resize-to-fill.ts';
import { resizeToFit } from '../shared/processors/resize-to-fit.ts';
import type { Specs } from '../shared/specs.ts';
import type { ProcessResult } from '../pipeline/process-image.ts';

/**
 * A square thumbnail for lists (160 px: sharp at 2x in the widget's 56 px preview), a display
 * version no larger than 1600 px for pages, and the original file.
 */
export const DEFAULT_SPECS: Specs = {
  thumbnail: { processors: [resizeToFill(160, 160)], quality: 0.8 },
  display: { processors: [resizeToFit(1600, 1600, { upscale: false })] },
  original: { original: true },
};

interface VersionFacts {
  width: number;
  height: number;
  /** Empty for an original. */
  fingerprint: string;
}

/**
 * The version a row previews: `thumbnail` when it was generated, else the smallest generated
 * one; null when every version is an original (the original is never decoded for a preview).
 */
export function previewVersion(versions: Readonly<Record<string, VersionFacts>>): string | null {
  const generated = Object.entries(versions).filter(([, version]) => version.fingerprint !== '');
  if (generated.some(([name]) => name === 'thumbnail')) return 'thumbnail';
  generated.sort(([, a], [, b]) => a.width * a.height - b.width * b.height);
  return generated[0]?.[0] ?? null;
}

/** The blob of the version a processed file's row previews, if any. */
export function previewOf(result: ProcessResult): Blob | null {
  const name = previewVersion(result.variants);
  return name ? result.variants[name]!.blob : null;
}

/** The eager versions' names, originals marked: what leaves the browser for each file. */
export function sentVersions(specs: Specs): Array<{ name: string; original: boolean }> {
  return Object.entries(specs)
    .filter(([, spec]) => !('lazy' in spec && spec.lazy))
    .map(([name, spec]) => ({ name, original: 'original' in spec }));
}
