// The widget's privacy default: the original leaves the browser without its location unless
// the page says otherwise (`strip-metadata="none"`, or its own original options in `specs`).
import type { StripMode } from '../shared/metadata/types.ts';
import type { Spec, Specs } from '../shared/specs.ts';
import type { StripMetadata } from './attributes.ts';

/** Every plain `original: true` spec gets the widget's `strip-metadata`; a spec with its own options keeps them. */
export function withStripMetadata(specs: Specs, strip: StripMetadata): Specs {
  if (strip === 'none') return specs;
  const applied: Record<string, Spec> = {};
  for (const [name, spec] of Object.entries(specs)) {
    applied[name] = 'original' in spec && spec.original === true ? { original: { stripMetadata: strip } } : spec;
  }
  return applied;
}

/** What the originals of `specs` remove: a mode, null for nothing, undefined when no original is sent. */
export function originalStripMode(specs: Specs): StripMode | null | undefined {
  const originals = Object.values(specs).flatMap((spec) => ('original' in spec ? [spec.original] : []));
  if (originals.length === 0) return undefined;
  const [original] = originals;
  return original === true ? null : (original?.stripMetadata ?? null);
}
