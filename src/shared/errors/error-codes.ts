// The codes are listed once: the types and the runtime checks both come from this object.

/**
 * Every code an imagespec error can carry, by where it comes from: `processing` from
 * `processImage` and the worker, `upload` from the uploader, `widget` from `<imagespec-upload>`'s
 * restrictions, `shared` from either.
 */
export const ERROR_CODES = {
  processing: [
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
    /** A spec's `maxBytes` cannot be met at its lowest quality (and `shrinkToFit` is off or ran out). */
    'TOO_BIG_FOR_TARGET',
    /** A browser-only call where its browser API is missing: Node, server-side rendering, `exposeWorker` outside a worker. */
    'UNSUPPORTED_ENVIRONMENT',
  ],
  upload: [
    /** The server answered with an error status; see `status` and `serverMessage`. */
    'HTTP_ERROR',
    /** No answer: the connection failed or was cut. */
    'NETWORK_ERROR',
    /** No progress and no answer for longer than the request timeout. */
    'TIMEOUT',
    /** The result handed to the uploader cannot be uploaded (no versions, a version without bytes). */
    'INVALID_INPUT',
    /** The server acknowledged, but its receipt does not name every version with the SHA-256 and size sent: the job is kept. */
    'BAD_RECEIPT',
  ],
  /** Refusals of `<imagespec-upload>` before any processing (a type it refuses is `UNSUPPORTED_FORMAT`). */
  widget: [
    /** The file is larger than the widget's `max-file-size`. */
    'FILE_TOO_LARGE',
    /** The widget already holds `max-files` files. */
    'TOO_MANY_FILES',
  ],
  /** The caller's `AbortSignal` fired (the signal's reason is the error's `cause`). */
  shared: ['ABORTED'],
} as const;

/** Every way imagespec can fail, as a stable string a caller can branch on. */
export type ImageSpecErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES][number];

/** The codes an `UploadError` carries. */
export type UploadErrorCode = (typeof ERROR_CODES)['upload' | 'shared'][number];

const KNOWN: ReadonlySet<string> = new Set(Object.values(ERROR_CODES).flat());
const UPLOAD: ReadonlySet<string> = new Set([...ERROR_CODES.upload, ...ERROR_CODES.shared]);

export function isErrorCode(value: unknown): value is ImageSpecErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}

export function isUploadErrorCode(value: unknown): value is UploadErrorCode {
  return typeof value === 'string' && UPLOAD.has(value);
}
