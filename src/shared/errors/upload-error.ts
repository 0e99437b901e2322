import type { UploadErrorCode } from './error-codes.ts';
import { ImageSpecError } from './imagespec-error.ts';

/**
 * Why an upload failed: a member of the `ImageSpecError` family whose `status` and
 * `serverMessage` carry the server's answer; `retryable` says whether the queue retries it by
 * itself (network errors, timeouts, 5xx, 408, 429).
 *
 * @example
 * uploader.addEventListener('failed', ({ detail }) => {
 *   if (detail.error.status === 413) showTooLarge(detail.error.serverMessage);
 * });
 */
export class UploadError extends ImageSpecError {
  override name = 'UploadError' as const;
  declare readonly code: UploadErrorCode;
  readonly status: number;
  readonly serverMessage: string;
  readonly retryAfter: number | null;
  readonly #retryable: boolean | undefined;

  constructor(
    code: UploadErrorCode,
    message: string,
    options: {
      /** HTTP status; 0 when there was no answer. @default 0 */
      status?: number;
      /** What the server said: the `message` of its JSON error body, else its text (first 500 characters). @default '' */
      serverMessage?: string;
      /** How long the server asked us to wait (Retry-After), in milliseconds. @default null */
      retryAfter?: number | null;
      /** Overrides the rule by status, for protocols where a 4xx means "ask again" (tus's 409 and 423). */
      retryable?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(code, message, options.cause === undefined ? {} : { cause: options.cause });
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
