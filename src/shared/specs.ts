import { ImageSpecError } from './errors/imagespec-error.ts';
import type { StripMode } from './metadata/types.ts';
import { resolveProcessor, type ProcessorSpec, type ResolvedProcessor } from './processors/registry.ts';

/** Encodings the browser's `convertToBlob` can produce everywhere it matters. */
export type OutputFormat = 'image/jpeg' | 'image/webp' | 'image/png';
const OUTPUT_FORMATS: readonly string[] = ['image/jpeg', 'image/webp', 'image/png'];

/** A generated version of the image: processors run in order, then the result is encoded. */
export interface ImageSpec {
  processors?: readonly ProcessorSpec[];
  /**
   * Output encoding. By default the source's own format where the browser can encode it
   * (JPEG, PNG, WebP); otherwise PNG when the result has transparent pixels, JPEG when not.
   */
  format?: OutputFormat;
  /** Encoder quality for JPEG and WebP, 0..1. @default 0.85 */
  quality?: number;
  /** CSS colour that transparent pixels are flattened onto when encoding JPEG. @default '#ffffff' */
  background?: string;
  /**
   * A byte budget: the highest quality step (0.05 apart, from `quality` down to `minQuality`) whose
   * encoding fits is used, and reported as the variant's `quality`. @default null
   */
  maxBytes?: number | null;
  /** The lowest quality `maxBytes` may go down to. @default 0.4 */
  minQuality?: number;
  /**
   * When even `minQuality` does not fit `maxBytes`, shrink the image until it does instead of
   * failing with `TOO_BIG_FOR_TARGET`. @default false
   */
  shrinkToFit?: boolean;
  /**
   * Produce this version only when it is first asked for (`await result.get(name)`), then cache
   * it: ImageKit's `pre_cache = False`. Not part of the fingerprint, so a lazy and an eager spec
   * that do the same share their cached variant.
   * @default false
   */
  lazy?: boolean;
}

/** What may be removed from the original, losslessly (the compressed pixels are never touched). */
export interface OriginalOptions {
  /**
   * `'gps'` removes the location; `'all'` removes EXIF, XMP and IPTC but the orientation, keeping
   * the ICC profile. By default the file is sent byte for byte.
   * @default null
   */
  stripMetadata?: StripMode | null;
}

/** The file as the user chose it: byte for byte, or with metadata removed (see `OriginalOptions`). */
export interface OriginalSpec {
  original: true | OriginalOptions;
}

export type Spec = ImageSpec | OriginalSpec;

/** What a site declares: version name -> spec. */
export type Specs = Readonly<Record<string, Spec>>;

export interface ResolvedImageSpec {
  kind: 'image';
  name: string;
  processors: ResolvedProcessor[];
  format: OutputFormat | 'auto';
  quality: number;
  background: string;
  maxBytes: number | null;
  minQuality: number;
  shrinkToFit: boolean;
}

export interface ResolvedOriginalSpec {
  kind: 'original';
  name: string;
  stripMetadata: StripMode | null;
}

export type ResolvedSpec = ResolvedImageSpec | ResolvedOriginalSpec;

export const DEFAULT_QUALITY = 0.85;
const DEFAULT_BACKGROUND = '#ffffff';
const DEFAULT_MIN_QUALITY = 0.4;
const SPEC_KEYS = new Set([
  'processors',
  'format',
  'quality',
  'background',
  'lazy',
  'maxBytes',
  'minQuality',
  'shrinkToFit',
]);

/**
 * Checks every spec and fills in the defaults, before any work starts. Throws `INVALID_SPEC`
 * naming the spec and the field at fault.
 */
export function resolveSpecs(specs: Specs): ResolvedSpec[] {
  if (typeof specs !== 'object' || specs === null || Array.isArray(specs)) {
    throw new ImageSpecError('INVALID_SPEC', 'invalid specs: expected an object of name -> spec');
  }
  const names = Object.keys(specs);
  if (names.length === 0) throw new ImageSpecError('INVALID_SPEC', 'invalid specs: no spec given');
  return names.map((name) => resolveSpec(name, specs[name]));
}

function resolveSpec(name: string, spec: unknown): ResolvedSpec {
  const fail = (field: string, problem: string): never => {
    throw new ImageSpecError('INVALID_SPEC', `invalid spec "${name}": ${field} ${problem}`, {
      details: { spec: name, field },
    });
  };
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return fail('spec', 'must be an object');
  const record = spec as Record<string, unknown>;

  if ('original' in record) {
    const extra = Object.keys(record).filter((key) => key !== 'original');
    if (extra.length > 0) fail(extra[0]!, 'cannot be combined with original');
    return { kind: 'original', name, stripMetadata: readStripMode(record['original'], fail) };
  }

  const unknown = Object.keys(record).find((key) => !SPEC_KEYS.has(key));
  if (unknown !== undefined) fail(unknown, `is not a spec field (${[...SPEC_KEYS].join(', ')})`);

  const processors = record['processors'] ?? [];
  if (!Array.isArray(processors)) fail('processors', 'must be an array');
  const format = record['format'] ?? 'auto';
  if (format !== 'auto' && !OUTPUT_FORMATS.includes(format as string)) {
    fail('format', `must be one of ${OUTPUT_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  }
  const quality = record['quality'] ?? DEFAULT_QUALITY;
  if (typeof quality !== 'number' || !(quality >= 0 && quality <= 1)) {
    fail('quality', `must be a number from 0 to 1, got ${JSON.stringify(quality)}`);
  }
  const background = record['background'] ?? DEFAULT_BACKGROUND;
  if (typeof background !== 'string' || background.length === 0) fail('background', 'must be a CSS colour');
  if (record['lazy'] !== undefined && typeof record['lazy'] !== 'boolean')
    fail('lazy', `must be true or false, got ${JSON.stringify(record['lazy'])}`);

  const maxBytes = record['maxBytes'] ?? null;
  if (maxBytes !== null && (!Number.isInteger(maxBytes) || (maxBytes as number) < 1)) {
    fail('maxBytes', `must be a whole number of bytes, 1 or more, got ${JSON.stringify(maxBytes)}`);
  }
  const minQuality = record['minQuality'] ?? Math.min(DEFAULT_MIN_QUALITY, quality as number);
  if (typeof minQuality !== 'number' || !(minQuality >= 0 && minQuality <= (quality as number))) {
    fail('minQuality', `must be a number from 0 to the quality, got ${JSON.stringify(minQuality)}`);
  }
  const shrinkToFit = record['shrinkToFit'] ?? false;
  if (typeof shrinkToFit !== 'boolean')
    fail('shrinkToFit', `must be true or false, got ${JSON.stringify(shrinkToFit)}`);

  return {
    kind: 'image',
    name,
    maxBytes: maxBytes as number | null,
    minQuality: minQuality as number,
    shrinkToFit: shrinkToFit as boolean,
    processors: (processors as unknown[]).map((processor, index) =>
      resolveProcessor(processor, (field, problem) => fail(`processors[${index}]${field}`, problem)),
    ),
    format: format as OutputFormat | 'auto',
    quality: quality as number,
    background: background as string,
  };
}

function readStripMode(value: unknown, fail: (field: string, problem: string) => never): StripMode | null {
  if (value === true) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('original', 'must be true or { stripMetadata }');
  }
  const options = value as Record<string, unknown>;
  const extra = Object.keys(options).find((key) => key !== 'stripMetadata');
  if (extra !== undefined) fail(`original.${extra}`, 'is not an option of original (stripMetadata)');
  const mode = options['stripMetadata'] ?? null;
  if (mode !== null && mode !== 'gps' && mode !== 'all') {
    fail('original.stripMetadata', `must be 'gps', 'all' or null, got ${JSON.stringify(mode)}`);
  }
  return mode;
}

/**
 * The names of the specs marked `lazy: true`. Kept apart from the resolved specs, which say only
 * what a spec does: when it is produced is no part of its fingerprint. Call after `resolveSpecs`.
 */
export function lazySpecNames(specs: Specs): ReadonlySet<string> {
  return new Set(Object.keys(specs).filter((name) => (specs[name] as { lazy?: unknown }).lazy === true));
}
