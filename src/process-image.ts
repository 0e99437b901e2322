import { abortError, ImageSpecError } from './errors.ts';
import { produceThroughCache, type ReadThroughJob } from './cache/read-through.ts';
import { createVariantAccess, type VariantAccess } from './cache/variant-access.ts';
import { defaultCache, type CacheEvent, type VariantCache } from './cache/variant-cache.ts';
import { sha256Hex } from './fingerprint.ts';
import { displayedSize, readImageHeader, type ImageHeader, type SourceFormat } from './header.ts';
import { lazySpecNames, resolveSpecs, type ResolvedImageSpec, type Specs } from './specs.ts';
import type { ProcessingStage } from './worker-protocol.ts';
import { WorkerPool } from './worker-pool.ts';

/** Admits a 50 MP camera photo; refuses decompression bombs before they are decoded. */
export const DEFAULT_MAX_PIXELS = 64_000_000;

/** Enough for any JPEG's EXIF and SOF in practice: the header checks look no further. */
const HEADER_BYTES = 1 << 20;

export interface ProcessProgress {
  /** The file's name, when it has one. */
  file: string;
  stage: ProcessingStage;
  /** The spec being processed or encoded. */
  spec?: string;
  /** Specs finished so far, of `total`. */
  completed: number;
  total: number;
}

export interface ProcessOptions {
  /** Abort to stop processing: the promise rejects with `ABORTED` and the worker is freed at once. */
  signal?: AbortSignal;
  onProgress?: (progress: ProcessProgress) => void;
  /** The pool to run in; pass one made with your own worker for custom processors. @default a shared pool of the built-in worker */
  pool?: WorkerPool;
  /** Files whose header declares more pixels than this are refused with `TOO_LARGE`. @default 64_000_000 */
  maxPixels?: number;
  /**
   * Where processed variants are looked up first and stored after (see `openCache`); `false`
   * to neither read nor write a cache.
   * @default a cache shared by the page, in the IndexedDB database 'imagespec-cache', opened on first use
   */
  cache?: VariantCache | false;
  /** Told when the cache could not help (unavailable, quota full, a variant skipped, evictions). Cache failures never reject processing. */
  onCacheEvent?: (event: CacheEvent) => void;
}

/** One version of the image. */
export interface Variant {
  blob: Blob;
  width: number;
  height: number;
  /** MIME type of `blob`. */
  type: string;
  bytes: number;
  /** What the spec does, hashed: stable across runs, the cache key's second half. Empty for originals. */
  fingerprint: string;
  /** True when read from the cache instead of produced by this call. Always false for originals. */
  fromCache: boolean;
}

export interface SourceImage {
  name: string;
  /** As displayed: after EXIF orientation. */
  width: number;
  height: number;
  /** Format from the file's magic bytes. */
  type: SourceFormat;
  bytes: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  /** EXIF orientation, 1..8. */
  orientation: number;
}

/** The names of the specs of `S` marked `lazy: true`. */
export type LazySpecNames<S> = { [K in keyof S]: S[K] extends { lazy: true } ? K : never }[keyof S] & string;
/** The names of the specs of `S` produced at once. */
export type EagerSpecNames<S> = Exclude<Extract<keyof S, string>, LazySpecNames<S>>;

/**
 * Every eager version, plus accessors: `get(name)` for any version (a lazy one is produced on
 * first access), `url(name)` for an object URL, and `release()` to revoke the URLs handed out.
 */
export interface ProcessResult<Names extends string = string, LazyNames extends string = never> extends VariantAccess<
  Names | LazyNames,
  Variant
> {
  source: SourceImage;
  /** The eager versions. Lazy ones are not here until asked for with `get`. */
  variants: Record<Names, Variant>;
}

let sharedPool: WorkerPool | undefined;

function defaultPool(): WorkerPool {
  sharedPool ??= new WorkerPool();
  return sharedPool;
}

/**
 * Produces every version of one image that `specs` declare, in a worker.
 *
 * @example
 * const result = await processImage(file, {
 *   thumbnail: { processors: [resizeToFill(100, 75), adjust({ contrast: 1.2, sharpness: 1.1 })] },
 *   original: { original: true },
 * });
 * img.src = URL.createObjectURL(result.variants.thumbnail.blob);
 */
export async function processImage<S extends Specs>(
  file: Blob,
  specs: S,
  options: ProcessOptions = {},
): Promise<ProcessResult<EagerSpecNames<S>, LazySpecNames<S>>> {
  const { signal } = options;
  const name = file instanceof File ? file.name : '';
  const throwIfAborted = () => {
    if (signal?.aborted) throw abortError(signal, `processing ${name || 'the file'}`);
  };
  throwIfAborted();
  const resolved = resolveSpecs(specs);
  // Read once, for the header checks and the hash (the cache key): a full cache hit costs little more.
  const bytes = file.arrayBuffer().catch((error: unknown) => {
    // A picked file deleted or changed on disk since can no longer be read.
    throw new ImageSpecError('READ_FAILED', `read failed: ${name ? `"${name}"` : 'the file'} could not be read`, {
      cause: error,
    });
  });
  const header = await readCheckedHeader(file, name, bytes, options.maxPixels ?? DEFAULT_MAX_PIXELS);
  throwIfAborted();

  const lazy = lazySpecNames(specs);
  const imageSpecs = resolved.filter((spec): spec is ResolvedImageSpec => spec.kind === 'image');
  const eagerSpecs = imageSpecs.filter((spec) => !lazy.has(spec.name));
  const report = progressReporter(name, eagerSpecs.length, options.onProgress);
  const job: ReadThroughJob = {
    file,
    header,
    signal,
    onCacheEvent: options.onCacheEvent,
    sha256: bytes.then(sha256Hex),
    cache: options.cache === false ? undefined : (options.cache ?? defaultCache()),
    pool: () => options.pool ?? defaultPool(),
  };
  const [sha256, worked] = await Promise.all([
    job.sha256,
    produceThroughCache({ ...job, onProgress: report }, eagerSpecs),
  ]);
  throwIfAborted();

  // Only originals were asked for: no worker decoded the image, so its header tells the size.
  const size = worked.sourceSize ?? displayedSize(header) ?? { width: 0, height: 0 };
  const source: SourceImage = {
    name,
    width: size.width,
    height: size.height,
    type: header.format,
    bytes: file.size,
    sha256,
    orientation: header.orientation,
  };
  const variants: Record<string, Variant> = {};
  for (const spec of resolved) {
    if (spec.kind === 'original') {
      variants[spec.name] = {
        blob: file,
        width: source.width,
        height: source.height,
        type: header.format,
        bytes: file.size,
        fingerprint: '',
        fromCache: false,
      };
      continue;
    }
    if (!lazy.has(spec.name)) variants[spec.name] = worked.variants[eagerSpecs.indexOf(spec)]!;
  }
  const access = createVariantAccess<EagerSpecNames<S> | LazySpecNames<S>, Variant>(variants, (wanted, lazySignal) => {
    const spec = lazy.has(wanted) ? imageSpecs.find((candidate) => candidate.name === wanted) : undefined;
    const lazyJob = { ...job, signal: lazySignal, onProgress: progressReporter(name, 1, options.onProgress) };
    return spec && produceThroughCache(lazyJob, [spec]).then((made) => made.variants[0]!);
  });
  report({ stage: 'done' });
  return { source, variants, ...access } as ProcessResult<EagerSpecNames<S>, LazySpecNames<S>>;
}

/** The checks that need only the first bytes: empty, not an image we take, too many pixels. */
async function readCheckedHeader(
  file: Blob,
  name: string,
  bytes: Promise<ArrayBuffer>,
  maxPixels: number,
): Promise<ImageHeader> {
  const label = name ? `"${name}"` : 'the file';
  // Read before judging the size: a file deleted from disk since it was picked reports size 0.
  const buffer = await bytes;
  if (buffer.byteLength === 0) throw new ImageSpecError('EMPTY_FILE', `empty file: ${label} has no bytes`);
  const head = new Uint8Array(buffer, 0, Math.min(HEADER_BYTES, buffer.byteLength));
  const header = readImageHeader(head);
  if (!header) {
    throw new ImageSpecError(
      'UNSUPPORTED_FORMAT',
      `unsupported format: ${label} is not an image this library reads (JPEG, PNG, WebP, GIF, AVIF, BMP)`,
    );
  }
  if (header.format === 'image/svg+xml') {
    throw new ImageSpecError(
      'UNSUPPORTED_FORMAT',
      `unsupported format: ${label} is SVG, which can carry scripts; only raster images are accepted`,
      {
        details: { format: header.format },
      },
    );
  }
  if (header.width !== null && header.height !== null && header.width * header.height > maxPixels) {
    const megapixels = ((header.width * header.height) / 1e6).toFixed(1);
    throw new ImageSpecError(
      'TOO_LARGE',
      `too large: ${label} declares ${header.width}x${header.height} (${megapixels} MP), over the limit of ${(maxPixels / 1e6).toFixed(1)} MP`,
      {
        details: { width: header.width, height: header.height, maxPixels },
      },
    );
  }
  return header;
}

function progressReporter(file: string, total: number, onProgress: ProcessOptions['onProgress']) {
  let completed = 0;
  return ({ stage, spec }: { stage: ProcessingStage; spec?: string }) => {
    if (stage === 'encode' && spec !== undefined) completed++;
    onProgress?.({
      file,
      stage,
      completed: stage === 'done' ? total : completed,
      total,
      ...(spec === undefined ? {} : { spec }),
    });
  };
}
