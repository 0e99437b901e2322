// The plain-data form an error takes to cross a worker boundary or to be kept in IndexedDB:
// structured clone would drop the class, the code and the upload fields.
import { isErrorCode, isUploadErrorCode, type ImageSpecErrorCode } from './error-codes.ts';
import { ImageSpecError, isImageSpecError } from './imagespec-error.ts';
import { UploadError } from './upload-error.ts';

export interface SerializedError {
  name: string;
  message: string;
  code?: ImageSpecErrorCode;
  details?: Readonly<Record<string, string | number | boolean>>;
  stack?: string;
  cause?: SerializedError;
  /** An `UploadError`'s answer from the server. */
  status?: number;
  serverMessage?: string;
}

/** How deep a chain of causes is kept: enough for "custom processor failed <- TypeError". */
const MAX_CAUSES = 4;

export function serializeError(error: unknown, depth = 0): SerializedError {
  const data: SerializedError =
    error instanceof Error || isImageSpecError(error)
      ? { name: error.name, message: error.message }
      : { name: 'Error', message: String(error) };
  if (isImageSpecError(error)) {
    data.code = error.code;
    if (Object.keys(error.details).length > 0) data.details = error.details;
  }
  if (error instanceof UploadError) {
    data.status = error.status;
    data.serverMessage = error.serverMessage;
  }
  if (error instanceof Error && error.stack) data.stack = error.stack;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause !== undefined && depth < MAX_CAUSES) data.cause = serializeError(cause, depth + 1);
  return data;
}

export function deserializeError(data: SerializedError): Error {
  const options = {
    ...(data.cause ? { cause: deserializeError(data.cause) } : {}),
    ...(data.details ? { details: data.details } : {}),
  };
  let error: Error;
  if (data.name === 'UploadError' && isUploadErrorCode(data.code)) {
    error = new UploadError(data.code, data.message, {
      ...options,
      status: data.status ?? 0,
      serverMessage: data.serverMessage ?? '',
    });
  } else if (isErrorCode(data.code)) {
    error = new ImageSpecError(data.code, data.message, options);
  } else {
    error = Object.assign(new Error(data.message, options.cause ? { cause: options.cause } : undefined), {
      name: data.name,
    });
  }
  if (data.stack) error.stack = data.stack;
  return error;
}
