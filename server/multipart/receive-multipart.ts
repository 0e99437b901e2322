// POST {basePath}/uploads: one multipart/form-data body per image, under an Idempotency-Key.
// In order: the key, the caller, the content type and length (all before a byte of the body is
// read), a slot, the key's lock, the manifest (bound to any earlier record of the key: replayed,
// refused with 409, or finished), the parts, then the commit.
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IDEMPOTENCY_HEADER } from '../../src/shared/wire.ts';
import { identify } from '../access.ts';
import { beginUpload, checkSameUpload, receiptOf, storeVersions } from '../commit-upload.ts';
import { uploadLockKey, type ReceiverContext } from '../context.ts';
import { ReceiverError } from '../errors.ts';
import { answerEarly, sendJson } from '../http/answers.ts';
import { guardRequest } from '../http/request-guard.ts';
import type { UploadRecord } from '../ledger/upload-ledger.ts';
import { declaredBytes, UPLOAD_ID } from '../manifest.ts';
import { PART_OVERHEAD_BYTES, readParts } from './read-parts.ts';

const REPLAYED = { 'Idempotent-Replayed': 'true' };

function keyOf(req: IncomingMessage): string {
  const key = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (typeof key !== 'string' || !UPLOAD_ID.test(key)) {
    throw new ReceiverError(400, 'MISSING_KEY', "missing Idempotency-Key: send the manifest's uploadId");
  }
  return key;
}

/** Checks what the headers say about the body, before any of it is read. */
function checkHeaders(req: IncomingMessage, maxBodyBytes: number): void {
  if (!/^multipart\/form-data;/i.test(req.headers['content-type'] ?? '')) {
    throw new ReceiverError(415, 'UNSUPPORTED_TYPE', 'unsupported type: the body is not multipart/form-data');
  }
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > maxBodyBytes) {
    throw new ReceiverError(
      413,
      'TOO_LARGE',
      `too large: the body is ${length} bytes, over the limit of ${maxBodyBytes}`,
    );
  }
}

export async function receiveMultipart(
  context: ReceiverContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { options } = context;
  const { limits } = options;
  const key = keyOf(req);
  const owner = await identify(req, options.authorize, { action: 'upload', uploadId: key });
  checkHeaders(req, limits.maxBodyBytes);
  const releaseSlot = context.slots.take();
  const guard = guardRequest(req, res, limits);
  try {
    const lease = await context.locks.acquire(uploadLockKey(owner, key), guard.signal);
    try {
      const existing = await options.ledger.get(owner, key);
      const read = await readParts(req, {
        limits,
        tempDir: options.tempDir,
        signal: AbortSignal.any([guard.signal, lease.signal]),
        onManifest(checked) {
          if (checked.manifest.uploadId !== key) {
            throw new ReceiverError(
              400,
              'KEY_MISMATCH',
              "key mismatch: the Idempotency-Key differs from the manifest's uploadId",
            );
          }
          if (!existing) return true;
          checkSameUpload(existing, checked);
          // Stored already: answer now, without reading the versions again.
          return existing.state !== 'complete';
        },
      });
      if (!read.files) {
        const versions = Object.keys(read.checked.manifest.versions).length;
        const honestRest = declaredBytes(read.checked.manifest) + (versions + 1) * PART_OVERHEAD_BYTES;
        answerEarly(req, res, () => sendJson(res, 201, receiptOf(existing!, options.basePath), REPLAYED), {
          bytes: honestRest,
          timeoutMs: limits.drainTimeoutMs,
        });
        return;
      }
      guard.bodyDone();
      try {
        const record: UploadRecord = await beginUpload(options, owner, read.checked, 'multipart');
        if (record.state === 'complete') {
          // Another process finished the same upload meanwhile.
          return sendJson(res, 201, receiptOf(record, options.basePath), REPLAYED);
        }
        const stored = await storeVersions(options, record, read.files);
        sendJson(res, 201, receiptOf(stored, options.basePath));
      } finally {
        await Promise.all([...read.files.values()].map((file) => rm(file.path, { force: true })));
      }
    } finally {
      lease.release();
    }
  } finally {
    guard.dispose();
    releaseSlot();
  }
}
