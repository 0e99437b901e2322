// Every code an imagespec error can carry, listed once: the type and the runtime check both come
// from these lists.

/** Failures of `processImage` and the worker. */
export const PROCESSING_ERROR_CODES = [
  'EMPTY_FILE',
  'READ_FAILED',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_IMAGE',
  'TOO_LARGE',
  'INVALID_SPEC',
  'INVALID_OPTIONS',
  'UNKNOWN_PROCESSOR',
  'PROCESSOR_FAILED',
  'WORKER_CRASHED',
  'ENCODE_FAILED',
] as const;

/** Failures of the uploader. */
export const UPLOAD_ERROR_CODES = [
  /** The server answered with an error status; see `status` and `serverMessage`. */
  'HTTP_ERROR',
  /** No answer: the connection failed or was cut. */
  'NETWORK_ERROR',
  /** No progress and no answer for longer than the request timeout. */
  'TIMEOUT',
  /** The result handed to the uploader cannot be uploaded (no versions, a version without bytes). */
  'INVALID_INPUT',
] as const;

/** Refusals of the `<imagespec-upload>` widget, before any processing (a type refused there is `UNSUPPORTED_FORMAT`). */
export const WIDGET_ERROR_CODES = [
  /** The file is larger than the widget's `max-file-size`. */
  'FILE_TOO_LARGE',
  /** The widget already holds `max-files` files. */
  'TOO_MANY_FILES',
] as const;

/** Either side: the caller's `AbortSignal` fired (the signal's reason is the error's `cause`). */
export const SHARED_ERROR_CODES = ['ABORTED'] as const;

export const ERROR_CODES = [
  ...PROCESSING_ERROR_CODES,
  ...UPLOAD_ERROR_CODES,
  ...WIDGET_ERROR_CODES,
  ...SHARED_ERROR_CODES,
] as const;

/** Every way imagespec can fail, as a stable string a caller can branch on. */
export type ImageSpecErrorCode = (typeof ERROR_CODES)[number];

/** The codes an `UploadError` carries. */
export type UploadErrorCode = (typeof UPLOAD_ERROR_CODES)[number] | (typeof SHARED_ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ImageSpecErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}
