// Every refusal the receiver makes is one of these: an HTTP status, a stable code and a message
// of the form `what failed: the value`, answered as the JSON body `{ error, message }`.
import type { UploadErrorBody } from '../src/shared/wire.ts';

/** The codes a receiver answers with, in `{ "error": CODE }`. */
export const RECEIVER_ERROR_CODES = [
  /** 400: no usable Idempotency-Key header. */
  'MISSING_KEY',
  /** 400: the Idempotency-Key differs from the manifest's uploadId. */
  'KEY_MISMATCH',
  /** 400: the multipart body is malformed or ended early. */
  'BAD_MULTIPART',
  /** 400: the manifest is not what the wire contract describes. */
  'BAD_MANIFEST',
  /** 400: a JSON body that is not JSON, or a malformed request line or header. */
  'BAD_REQUEST',
  /** 400: a multipart field other than the manifest. */
  'UNEXPECTED_FIELD',
  /** 400: a file part the manifest does not name, or one before the manifest. */
  'UNEXPECTED_PART',
  /** 400: the same part sent twice. */
  'DUPLICATE_PART',
  /** 400: a version of the manifest without its part. */
  'MISSING_PART',
  /** 403: the site's `authorize` hook refused. */
  'FORBIDDEN',
  /** 404: no such upload, file or route. */
  'NOT_FOUND',
  /** 405: a method the route does not take. */
  'METHOD_NOT_ALLOWED',
  /** 408: the body stopped moving, or the request took longer than its limit. */
  'TIMEOUT',
  /** 409: the key was used before with another manifest. */
  'KEY_REUSED',
  /** 409: presigning a completed upload (its objects are final). */
  'ALREADY_COMPLETE',
  /** 409: completing a presigned upload whose objects are not in the bucket. */
  'NOT_UPLOADED',
  /** 410: a tus upload that expired. */
  'GONE',
  /** 413: a body, a part or a manifest over its limit. */
  'TOO_LARGE',
  /** 413: more parts or versions than allowed. */
  'TOO_MANY_PARTS',
  /** 415: a type the receiver does not store, or a body that is not multipart/form-data. */
  'UNSUPPORTED_TYPE',
  /** 415: the bytes are not the type the manifest declares. */
  'TYPE_MISMATCH',
  /** 422: the bytes are not the size or SHA-256 the manifest declares. */
  'CHECKSUM_MISMATCH',
  /** 429: too many requests already wait for this key; retry after Retry-After. */
  'KEY_BUSY',
  /** 500: the receiver failed (storage, ledger); the site's log has the cause. */
  'INTERNAL',
  /** 503: too many uploads at once; retry after Retry-After. */
  'BUSY',
  /** Any status: @tus/server's own refusal of a tus request (a wrong offset, a missing Tus-Resumable, a locked upload). */
  'TUS_REFUSED',
] as const;

export type ReceiverErrorCode = (typeof RECEIVER_ERROR_CODES)[number];

/** A refusal that knows its HTTP answer. */
export class ReceiverError extends Error {
  override name = 'ReceiverError' as const;
  readonly status: number;
  readonly code: ReceiverErrorCode;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: ReceiverErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  /** The JSON body of the answer. */
  toBody(): UploadErrorBody {
    return { error: this.code, message: this.message };
  }
}

export function isReceiverError(value: unknown): value is ReceiverError {
  return value instanceof ReceiverError;
}

/** Shortens a value a client sent before it goes into a message. */
export function quote(value: string, length = 80): string {
  return JSON.stringify(value.length > length ? `${value.slice(0, length)}…` : value);
}
