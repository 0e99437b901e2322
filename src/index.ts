export { processImage, DEFAULT_MAX_PIXELS } from './process-image.ts';
export type { ProcessOptions, ProcessProgress, ProcessResult, SourceImage, Variant } from './process-image.ts';
export { VariantCache, openCache, defaultCache } from './cache/variant-cache.ts';
export type {
  CacheEvent, CacheLookup, CacheUsage, CachedVariant, SourceToStore, VariantCacheOptions, VariantToStore, CacheCallOptions,
} from './cache/variant-cache.ts';
export type { CacheUnavailableReason } from './cache/open.ts';
export type { GetVariantOptions, VariantAccess } from './cache/variant-access.ts';
export type { EagerSpecNames, LazySpecNames } from './process-image.ts';
export { adjust, crop, custom, grayscale, resize, resizeToCover, resizeToFill, resizeToFit, transpose } from './processors.ts';
export type {
  AdjustOptions, Anchor, AnchorName, CropOptions, JsonValue, ProcessorSpec, ResizeToFitOptions, TransposeOperation,
} from './processors.ts';
export { resolveSpecs } from './specs.ts';
export type { ImageSpec, OriginalSpec, OutputFormat, Spec, Specs } from './specs.ts';
export { fingerprintSpec } from './fingerprint.ts';
export { createWorkerPool, WorkerPool, defaultPoolSize } from './worker-pool.ts';
export type { WorkerPoolOptions } from './worker-pool.ts';
export type { ProcessingStage } from './worker-protocol.ts';
export { ImageSpecError, isImageSpecError } from './errors.ts';
export type { ImageSpecErrorCode, ImageSpecErrorDetails } from './errors.ts';
export type { SourceFormat } from './header.ts';
