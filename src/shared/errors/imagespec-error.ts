import { isErrorCode, type ImageSpecErrorCode } from './error-codes.ts';

/** The names the members of the family carry, which the guard trusts across realms. */
const FAMILY_NAMES: ReadonlySet<string> = new Set(['ImageSpecError', 'UploadError']);

/**
 * The one error family imagespec rejects with: processing and upload failures alike. Branch on
 * `code`, not on the message; `cause` keeps what went wrong underneath (also across the worker
 * boundary).
 *
 * @example
 * try { await processImage(file, specs) }
 * catch (error) { if (isImageSpecError(error, 'TOO_LARGE')) showTooLarge(error.details) }
 */
export class ImageSpecError extends Error {
  override name: 'ImageSpecError' | 'UploadError' = 'ImageSpecError';
  readonly code: ImageSpecErrorCode;
  readonly details: Readonly<Record<string, string | number | boolean>>;

  /**
   * @param options.cause - what went wrong underneath
   * @param options.details - facts about the failure: the spec and field at fault, the declared size, ...
   */
  constructor(
    code: ImageSpecErrorCode,
    message: string,
    options: { cause?: unknown; details?: Readonly<Record<string, string | number | boolean>> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/**
 * True for an error of imagespec's family, optionally only for the given codes; also for one made
 * in another realm (a worker, an iframe), where `instanceof` fails.
 *
 * @example
 * if (isImageSpecError(error, 'HTTP_ERROR')) console.log(error.code, error.message);
 */
export function isImageSpecError(value: unknown, ...codes: readonly ImageSpecErrorCode[]): value is ImageSpecError {
  const isMember =
    value instanceof ImageSpecError ||
    (typeof value === 'object' &&
      value !== null &&
      FAMILY_NAMES.has(String((value as { name?: unknown }).name)) &&
      isErrorCode((value as { code?: unknown }).code));
  return isMember && (codes.length === 0 || codes.includes((value as ImageSpecError).code));
}
