// imagespec's public surface: re-exports only. What is not here is private.
export { processImage } from './pipeline/process-image.ts';
export type { EagerSpecNames, LazySpecNames, ProcessOptions, ProcessResult } from './pipeline/process-image.ts';
export type { ProcessProgress } from './pipeline/progress-reporter.ts';
export type { GetVariantOptions, VariantAccess } from './pipeline/variant-access.ts';
export type { SourceImage, Variant } from './shared/variant.ts';
export type { SourceFormat } from './shared/header.ts';
export type { StripMode } from './shared/metadata/types.ts';
export type { ProcessingStage } from './shared/worker-protocol.ts';

export type { ImageSpec, OriginalOptions, OriginalSpec, OutputFormat, Spec, Specs } from './shared/specs.ts';

export { addBorder } from './shared/processors/add-border.ts';
export { adjust } from './shared/processors/adjust.ts';
export { colorOverlay } from './shared/processors/color-overlay.ts';
export { crop } from './shared/processors/crop.ts';
export { custom } from './shared/processors/custom.ts';
export { gaussianBlur } from './shared/processors/gaussian-blur.ts';
export { grayscale } from './shared/processors/grayscale.ts';
export { imageOverlay } from './shared/processors/image-overlay.ts';
export { makeOpaque } from './shared/processors/make-opaque.ts';
export { resize } from './shared/processors/resize.ts';
export { resizeCanvas } from './shared/processors/resize-canvas.ts';
export { resizeToCover } from './shared/processors/resize-to-cover.ts';
export { resizeToFill } from './shared/processors/resize-to-fill.ts';
export { resizeToFit } from './shared/processors/resize-to-fit.ts';
export { setOpacity } from './shared/processors/set-opacity.ts';
export { smartCrop } from './shared/processors/smart-crop.ts';
export { smartResize } from './shared/processors/smart-resize.ts';
export { thumbnail } from './shared/processors/thumbnail.ts';
export { transpose } from './shared/processors/transpose.ts';
export { trimBorderColor } from './shared/processors/trim-border-color.ts';
export type { AddBorderProcessor, BorderThickness } from './shared/processors/add-border.ts';
export type { AdjustOptions, AdjustProcessor } from './shared/processors/adjust.ts';
export type { ColorOverlayProcessor } from './shared/processors/color-overlay.ts';
export type { GaussianBlurProcessor } from './shared/processors/gaussian-blur.ts';
export type { ImageOverlayOptions, ImageOverlayProcessor } from './shared/processors/image-overlay.ts';
export type { MakeOpaqueProcessor } from './shared/processors/make-opaque.ts';
export type { ResizeCanvasOptions, ResizeCanvasProcessor } from './shared/processors/resize-canvas.ts';
export type { SetOpacityProcessor } from './shared/processors/set-opacity.ts';
export type { SmartCropProcessor } from './shared/processors/smart-crop.ts';
export type { SmartResizeOptions, SmartResizeProcessor } from './shared/processors/smart-resize.ts';
export type { ThumbnailOptions, ThumbnailProcessor } from './shared/processors/thumbnail.ts';
export type { Side, TrimBorderColorOptions, TrimBorderColorProcessor } from './shared/processors/trim-border-color.ts';
export type { Anchor, AnchorName } from './shared/processors/anchor.ts';
export type { CropOptions, CropProcessor } from './shared/processors/crop.ts';
export type { CustomProcessor, CustomSettings, JsonValue } from './shared/processors/custom.ts';
export type { GrayscaleProcessor } from './shared/processors/grayscale.ts';
export type { ProcessorSpec } from './shared/processors/registry.ts';
export type { ResizeOptions, ResizeProcessor } from './shared/processors/resize.ts';
export type { ResizeToCoverOptions, ResizeToCoverProcessor } from './shared/processors/resize-to-cover.ts';
export type { ResizeToFillOptions, ResizeToFillProcessor } from './shared/processors/resize-to-fill.ts';
export type { ResizeToFitOptions, ResizeToFitProcessor } from './shared/processors/resize-to-fit.ts';
export type { TransposeOperation, TransposeProcessor } from './shared/processors/transpose.ts';

export { createWorkerPool } from './pool/worker-pool.ts';
export type { WorkerPool, WorkerPoolOptions } from './pool/worker-pool.ts';

export { openCache } from './cache/open-cache.ts';
export type { CacheEvent } from './cache/events.ts';
export type { CacheUnavailableReason } from './cache/open.ts';
export type { CacheUsage, VariantCache, VariantCacheOptions } from './cache/variant-cache.ts';

export { isImageSpecError } from './shared/errors/imagespec-error.ts';
export type { ImageSpecError } from './shared/errors/imagespec-error.ts';
export { ERROR_CODES } from './shared/errors/error-codes.ts';
export type { ImageSpecErrorCode, UploadErrorCode } from './shared/errors/error-codes.ts';
export type { UploadError } from './shared/errors/upload-error.ts';

export { createUploader } from './upload/uploader.ts';
export type { EnqueueOptions, UploadHandle, UploadJobSnapshot, Uploader, UploaderEventMap } from './upload/uploader.ts';
export type { RetryOptions, TransportOptions, UploaderOptions } from './upload/options.ts';
export type { MultipartTransportOptions } from './upload/transports/multipart.ts';
export type { PresignedRequest, PresignedTransportOptions } from './upload/transports/presigned.ts';
export type { TusTransportOptions } from './upload/transports/tus.ts';
export type { JobProgress, QueueProgress, UploadProgress, VersionProgress } from './upload/progress.ts';
export type { UploadState } from './upload/queue-store.ts';
export type { UploadInput } from './upload/manifest.ts';
export type { ManifestSource, ManifestVersion, StoredVersion, UploadManifest, UploadReceipt } from './shared/wire.ts';
