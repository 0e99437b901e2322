// A tus upload's last byte arrived: check it like a multipart part, then store it through the
// same commit as every transport. Idempotent: a version already stored answers its receipt, so
// a resume (HEAD) or a repeated finish never stores twice.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Upload } from '@tus/utils';
import type { StoredVersion } from '../../src/shared/wire.ts';
import { storedVersionOf, storeVersions } from '../commit-upload.ts';
import { uploadLockKey, type ReceiverContext } from '../context.ts';
import { ReceiverError } from '../errors.ts';
import { measureStream } from '../verify.ts';
import { checkBytes } from '../verify.ts';

/** What the receiver keeps in a tus upload's metadata (server-side: HEAD never echoes it). */
export interface TusUploadInfo {
  owner: string;
  uploadId: string;
  version: string;
}

export function infoOf(upload: Upload): TusUploadInfo | null {
  const { owner, uploadId, version } = upload.metadata ?? {};
  if (!owner || !uploadId || !version) return null;
  return { owner, uploadId, version };
}

/**
 * Stores a finished tus upload's version; throws a `ReceiverError`: 410 when its record expired,
 * 415/422 when its bytes are wrong (the caller then removes the tus upload, so a resume starts
 * over and fails loudly rather than "completing").
 */
export async function finishTusUpload(
  context: ReceiverContext,
  upload: Upload,
  info: TusUploadInfo,
  signal: AbortSignal,
): Promise<StoredVersion> {
  const { options } = context;
  const lease = await context.locks.acquire(uploadLockKey(info.owner, info.uploadId), signal);
  try {
    const record = await options.ledger.get(info.owner, info.uploadId);
    const version = record?.versions[info.version];
    if (!record || !version || record.state === 'deleting') {
      throw new ReceiverError(410, 'GONE', `gone: upload ${info.uploadId} expired or was deleted; start it again`);
    }
    if (!version.stored) {
      // A copy is what gets checked and stored: the tus file stays for a resume's HEAD until it expires.
      const copy = join(options.tempDir, `${randomUUID()}.tus`);
      try {
        await mkdir(options.tempDir, { recursive: true });
        await copyFile(join(options.tusDir, upload.id), copy);
        const measured = await measureStream(createReadStream(copy), version.bytes);
        checkBytes(info.version, version, measured);
        await storeVersions(options, record, new Map([[info.version, { path: copy, ...measured }]]));
      } finally {
        await rm(copy, { force: true });
      }
    }
    return storedVersionOf(record, info.version, options.basePath);
  } finally {
    lease.release();
  }
}
