// A failed job keeps its error in IndexedDB, which cannot hold a class: the error family's own
// plain-data form, read back as an UploadError.
import { UploadError } from '../shared/errors/upload-error.ts';
import { deserializeError, serializeError, type SerializedError } from '../shared/errors/serialize-error.ts';

export type StoredUploadError = SerializedError;

export function storeUploadError(error: UploadError): StoredUploadError {
  // No stack: it means nothing to the tab that reads it back, and it only grows the record.
  const { stack: _stack, ...data } = serializeError(error);
  return data;
}

export function restoreUploadError(data: StoredUploadError): UploadError {
  // Jobs stored by version 0.1 have no name: they were upload errors all the same.
  const error = deserializeError({ ...data, name: 'UploadError' });
  return error instanceof UploadError
    ? error
    : new UploadError('NETWORK_ERROR', data.message, { cause: error, status: data.status ?? 0 });
}
