// The uploader's options, resolved once into a fully-required shape.
import { clampDelay } from './backoff.ts';
import type { MultipartTransportOptions } from './transports/multipart.ts';
import type { PresignedTransportOptions } from './transports/presigned.ts';
import type { TusTransportOptions } from './transports/tus.ts';

/** Which transport, and its own narrow options. */
export type TransportOptions = MultipartTransportOptions | TusTransportOptions | PresignedTransportOptions;

/** How hard the queue tries. */
export interface RetryOptions {
  /** Retries after the first try before a retryable failure becomes permanent. @default 10 */
  retries?: number;
  /** First backoff delay, in milliseconds; it doubles each retry, with jitter. @default 1000 */
  baseDelay?: number;
  /** Backoff never grows past this, in milliseconds (a server's Retry-After may ask for more). @default 60_000 */
  maxDelay?: number;
  /** A request with no progress and no answer for this long, in milliseconds, is abandoned and retried. @default 30_000 */
  timeout?: number;
}

export interface UploaderOptions {
  /** @default { type: 'multipart', endpoint: '/api/uploads' } */
  transport?: TransportOptions;
  retry?: RetryOptions;
  /** Jobs uploading at once, in this tab. @default 2 */
  concurrency?: number;
  /** The IndexedDB database that holds the queue. @default 'imagespec-uploads' */
  database?: string;
}

export interface ResolvedUploaderOptions {
  transport: TransportOptions;
  retry: Required<RetryOptions>;
  concurrency: number;
  database: string;
}

export function resolveUploaderOptions(options: UploaderOptions): ResolvedUploaderOptions {
  const retry = options.retry ?? {};
  return {
    transport: options.transport ?? { type: 'multipart' },
    retry: {
      retries: retry.retries ?? 10,
      // Every delay a timer will wait is clamped: setTimeout fires at once past 2^31 - 1 ms.
      baseDelay: clampDelay(retry.baseDelay ?? 1000),
      maxDelay: clampDelay(retry.maxDelay ?? 60_000),
      timeout: clampDelay(retry.timeout ?? 30_000),
    },
    concurrency: Math.max(1, Math.floor(options.concurrency ?? 2)),
    database: options.database ?? 'imagespec-uploads',
  };
}
