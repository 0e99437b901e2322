/** Every way an upload can fail, as a stable string a caller can branch on. */
export type UploadErrorCode =
  /** The server answered with an error status; see `status` and `serverMessage`. */
  | 'HTTP_ERROR'
  /** No answer: the connection failed or was cut. */
  | 'NETWORK_ERROR'
  /** No progress and no answer for longer than the request timeout. */
  | 'TIMEOUT'
  /** Cancelled through a signal or `cancel()`. */
  | 'ABORTED'
  /** The result handed to the uploader cannot be uploaded (no versions, a version without bytes). */
  | 'INVALID_INPUT';

const CODES: ReadonlySet<string> = new Set<UploadErrorCode>([
  'HTTP_ERROR',
  'NETWORK_ERROR',
  'TIMEOUT',
  'ABORTED',
  'INVALID_INPUT',
]);

export interface UploadErrorOptions {
  /** HTTP status; 0 when there was no answer. @default 0 */
  status?: number;
  /** What the server said: the `message` of its JSON error body, else its text (first 500 characters). @default '' */
  serverMessage?: string;
  /** How long the server asked us to wait (Retry-After), in milliseconds. @default null */
  retryAfter?: number | null;
  /** Overrides the rule by status, for protocols where a 4xx means "ask again" (tus's 409 and 423). */
  retryable?: boolean;
  cause?: unknown;
}

/**
 * Why an upload failed. `status` and `serverMessage` carry the server's answer; `retryable`
 * says whether the queue retries it by itself (network errors, timeouts, 5xx, 408, 429).
 *
 * @example
 * uploader.addEventListener('failed', ({ detail }) => {
 *   if (detail.error.status === 413) showTooLarge(detail.error.serverMessage);
 * });
 */
export class UploadError extends Error {
  override name = 'UploadError' as const;
  readonly code: UploadErrorCode;
  readonly status: number;
  readonly serverMessage: string;
  readonly retryAfter: number | null;
  readonly #retryable: boolean | undefined;

  constructor(code: UploadErrorCode, message: string, options: UploadErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 0;
    this.serverMessage = options.serverMessage ?? '';
    this.retryAfter = options.retryAfter ?? null;
    this.#retryable = options.retryable;
  }

  /** True when trying again may succeed: no answer, a timeout, 5xx, 408 or 429. */
  get retryable(): boolean {
    if (this.#retryable !== undefined) return this.#retryable;
    if (this.code === 'NETWORK_ERROR' || this.code === 'TIMEOUT') return true;
    if (this.code !== 'HTTP_ERROR') return false;
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

/**
 * True for an `UploadError`, also one made in another realm (an iframe, a worker), where
 * `instanceof` fails.
 */
export function isUploadError(value: unknown): value is UploadError {
  if (value instanceof UploadError) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'UploadError' &&
    CODES.has(String((value as { code?: unknown }).code))
  );
}

/** The plain-data form of an error, as a failed job keeps it in IndexedDB. */
export interface StoredUploadError {
  code: UploadErrorCode;
  message: string;
  status: number;
  serverMessage: string;
}

export function storeUploadError(error: UploadError): StoredUploadError {
  return { code: error.code, message: error.message, status: error.status, serverMessage: error.serverMessage };
}

export function restoreUploadError(data: StoredUploadError): UploadError {
  return new UploadError(data.code, data.message, { status: data.status, serverMessage: data.serverMessage });
}
