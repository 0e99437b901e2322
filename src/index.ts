export { processImage, DEFAULT_MAX_PIXELS } from './process-image.ts';
export type { ProcessOptions, ProcessProgress, ProcessResult, SourceImage, Variant } from './process-image.ts';
export { VariantCache, openCache, defaultCache } from './cache/variant-cache.ts';
export type {
  CacheEvent,
  CacheLookup,
  CacheUsage,
  CachedVariant,
  SourceToStore,
  VariantCacheOptions,
  VariantToStore,
  CacheCallOptions,
} from './cache/variant-cache.ts';
export type { CacheUnavailableReason } from './cache/open.ts';
export type { GetVariantOptions, VariantAccess } from './cache/variant-access.ts';
export type { EagerSpecNames, LazySpecNames } from './process-image.ts';
export {
  adjust,
  crop,
  custom,
  grayscale,
  resize,
  resizeToCover,
  resizeToFill,
  resizeToFit,
  transpose,
} from './processors.ts';
export type {
  AdjustOptions,
  Anchor,
  AnchorName,
  CropOptions,
  JsonValue,
  ProcessorSpec,
  ResizeToFitOptions,
  TransposeOperation,
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
export { createUploader, Uploader } from './upload/uploader.ts';
export type { EnqueueOptions, UploadHandle, UploadJobSnapshot, UploaderEventMap } from './upload/uploader.ts';
export type { RetryOptions, TransportOptions, UploaderOptions } from './upload/options.ts';
export type { MultipartTransportOptions } from './upload/transports/multipart.ts';
export type { TusTransportOptions } from './upload/transports/tus.ts';
export type { PresignedRequest, PresignedTransportOptions } from './upload/transports/presigned.ts';
export type { JobProgress, QueueProgress, UploadProgress, VersionProgress } from './upload/progress.ts';
export type { UploadState } from './upload/queue-store.ts';
export type { UploadInput } from './upload/manifest.ts';
export { UploadError, isUploadError } from './upload/upload-error.ts';
export type { UploadErrorCode } from './upload/upload-error.ts';
export { IDEMPOTENCY_HEADER, MANIFEST_FIELD, MANIFEST_VERSION } from './upload/wire.ts';
export type {
  ManifestSource,
  ManifestVersion,
  StoredVersion,
  UploadErrorBody,
  UploadManifest,
  UploadReceipt,
} from './upload/wire.ts';
