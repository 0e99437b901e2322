// Why a file was refused or failed, in the user's words: one text per error code, from the
// widget's strings. The error itself (code, message, details) travels in the error event.
import { ImageSpecError, isImageSpecError } from '../shared/errors/imagespec-error.ts';
import { UploadError } from '../shared/errors/upload-error.ts';
import type { ImageSpecErrorCode } from '../shared/errors/error-codes.ts';
import { formatBytes, type Translate, type WidgetStrings } from './strings.ts';

/** Where a failure happened: before processing (a restriction), while processing, while uploading. */
export type FailureStage = 'refused' | 'processing' | 'uploading';

const BY_CODE: Partial<Record<ImageSpecErrorCode, keyof WidgetStrings>> = {
  UNSUPPORTED_FORMAT: 'errorUnsupported',
  CORRUPT_IMAGE: 'errorCorrupt',
  TOO_LARGE: 'errorTooManyPixels',
  EMPTY_FILE: 'errorEmpty',
  READ_FAILED: 'errorRead',
  NETWORK_ERROR: 'errorNetwork',
  TIMEOUT: 'errorTimeout',
};

export function describeFailure(error: ImageSpecError, stage: FailureStage, t: Translate, locale: string): string {
  const { code, details } = error;
  if (code === 'UNSUPPORTED_FORMAT' && stage === 'refused') {
    return details['reason'] === 'metadata'
      ? t('refusedMetadata', { format: String(details['format']).replace('image/', '').toUpperCase() })
      : t('refusedType');
  }
  if (code === 'FILE_TOO_LARGE') {
    return t('refusedSize', {
      size: formatBytes(Number(details['bytes']), locale),
      limit: formatBytes(Number(details['maxFileSize']), locale),
    });
  }
  if (code === 'TOO_MANY_FILES') return t('refusedCount', { count: Number(details['maxFiles']) });
  if (code === 'HTTP_ERROR') return t('errorHttp', { status: (error as { status?: number }).status ?? 0 });
  const key = BY_CODE[code];
  return key ? t(key) : t('errorOther', { message: error.message });
}

/**
 * Anything thrown at `stage`, as a member of the family: a foreign error keeps its message under
 * the stage's code (`NETWORK_ERROR` while uploading, `READ_FAILED` before).
 */
export function failureOf(thrown: unknown, stage: FailureStage): ImageSpecError {
  if (isImageSpecError(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return stage === 'uploading'
    ? new UploadError('NETWORK_ERROR', `upload failed: ${message}`, { cause: thrown })
    : new ImageSpecError('READ_FAILED', `processing failed: ${message}`, { cause: thrown });
}
