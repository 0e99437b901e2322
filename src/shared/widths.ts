// Responsive widths: a spec with `widths` becomes one spec per width, each the spec's processors
// then a fit to that width (never enlarging). Each is fingerprinted and cached on its own, and a
// worker makes them all from one decode. Plain data, no DOM.
import { MAX_OUTPUT_SIDE, type FailField } from './processors/field-reader.ts';
import { resolveProcessor, type ResolvedProcessor } from './processors/registry.ts';
import { resizeToFit } from './processors/resize-to-fit.ts';

/** The name of the version a width of spec `name` gives: `hero` at 640 is `hero-640w`. */
export function widthVersionName(name: string, width: number): string {
  return `${name}-${width}w`;
}

/** Checks a spec's `widths` (whole pixels, 1 to 16384) and returns them ascending, each once. */
export function readWidths(value: unknown, fail: FailField): number[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length === 0) return fail('widths', 'must be a non-empty array of widths');
  for (const [index, width] of value.entries()) {
    if (!Number.isInteger(width) || (width as number) < 1 || (width as number) > MAX_OUTPUT_SIDE) {
      fail(
        `widths[${index}]`,
        `must be a whole number of pixels from 1 to ${MAX_OUTPUT_SIDE}, got ${JSON.stringify(width)}`,
      );
    }
  }
  return [...new Set(value as number[])].sort((a, b) => a - b);
}

/** The last step of a width's spec: fit to `width`, height free, never enlarged. */
export function widthStep(width: number, fail: FailField): ResolvedProcessor {
  return resolveProcessor(resizeToFit(width, null, { upscale: false }), fail);
}

/** Which spec with `widths` a resolved spec is one width of. */
export interface WidthOf {
  spec: string;
  width: number;
}

/** One spec's responsive versions: their names, narrowest width asked first. */
export interface WidthSet {
  spec: string;
  versions: string[];
}

/** Groups the versions of every spec with `widths`, in the order the specs were declared. */
export function widthSets(specs: readonly { name: string; widthOf: WidthOf | null }[]): WidthSet[] {
  const sets = new Map<string, string[]>();
  for (const { name, widthOf } of specs) {
    if (widthOf === null) continue;
    const versions = sets.get(widthOf.spec) ?? [];
    versions.push(name);
    sets.set(widthOf.spec, versions);
  }
  return [...sets].map(([spec, versions]) => ({ spec, versions }));
}
