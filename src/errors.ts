/** Every way processing can fail, as a stable string a caller can branch on. */
export type ImageSpecErrorCode =
  | 'EMPTY_FILE'
  | 'READ_FAILED'
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT_IMAGE'
  | 'TOO_LARGE'
  | 'INVALID_SPEC'
  | 'UNKNOWN_PROCESSOR'
  | 'PROCESSOR_FAILED'
  | 'ABORTED'
  | 'WORKER_CRASHED'
  | 'ENCODE_FAILED';

const CODES: ReadonlySet<string> = new Set<ImageSpecErrorCode>([
  'EMPTY_FILE',
  'READ_FAILED',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_IMAGE',
  'TOO_LARGE',
  'INVALID_SPEC',
  'UNKNOWN_PROCESSOR',
  'PROCESSOR_FAILED',
  'ABORTED',
  'WORKER_CRASHED',
  'ENCODE_FAILED',
]);

/** Extra facts about a failure: the spec and field at fault, the declared size, ... */
export type ImageSpecErrorDetails = Readonly<Record<string, string | number | boolean>>;

export interface ImageSpecErrorOptions {
  cause?: unknown;
  details?: ImageSpecErrorDetails;
}

/**
 * The one error type imagespec rejects with. Branch on `code`, not on the message.
 *
 * @example
 * try { await processImage(file, specs) }
 * catch (error) { if (isImageSpecError(error) && error.code === 'TOO_LARGE') showTooLarge() }
 */
export class ImageSpecError extends Error {
  override name = 'ImageSpecError' as const;
  readonly code: ImageSpecErrorCode;
  readonly details: ImageSpecErrorDetails;

  constructor(code: ImageSpecErrorCode, message: string, options: ImageSpecErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/**
 * True for an `ImageSpecError`, also one made in another realm (a worker, an iframe), where
 * `instanceof` fails.
 */
export function isImageSpecError(value: unknown): value is ImageSpecError {
  if (value instanceof ImageSpecError) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'ImageSpecError' &&
    CODES.has(String((value as { code?: unknown }).code))
  );
}

/** An `ABORTED` error whose message says what was aborted; keeps the signal's reason. */
export function abortError(signal: AbortSignal | undefined, what: string): ImageSpecError {
  return new ImageSpecError('ABORTED', `aborted: ${what}`, { cause: signal?.reason });
}

/** The plain-data form an error takes to cross a worker boundary. */
export interface SerializedError {
  name: string;
  message: string;
  code?: ImageSpecErrorCode;
  details?: ImageSpecErrorDetails;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (isImageSpecError(error)) {
    return { name: error.name, message: error.message, code: error.code, details: error.details, ...stackOf(error) };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, ...stackOf(error) };
  return { name: 'Error', message: String(error) };
}

export function deserializeError(data: SerializedError): Error {
  const error =
    data.code && CODES.has(data.code)
      ? new ImageSpecError(data.code, data.message, data.details ? { details: data.details } : {})
      : Object.assign(new Error(data.message), { name: data.name });
  if (data.stack) error.stack = data.stack;
  return error;
}

function stackOf(error: Error): { stack?: string } {
  return error.stack ? { stack: error.stack } : {};
}
