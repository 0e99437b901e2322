// {basePath}/uploads (GET: the caller's stored uploads), {basePath}/uploads/:id (GET: one;
// DELETE: its files and its record). Deleting first hides the record (so nothing half-deleted is
// ever listed), then removes the files, then the record; a crash in between is finished by the
// sweep.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { identify } from '../access.ts';
import { uploadLockKey, type ReceiverContext } from '../context.ts';
import { ReceiverError } from '../errors.ts';
import { sendJson } from '../http/answers.ts';
import type { UploadRecord } from '../ledger/upload-ledger.ts';
import { UPLOAD_ID } from '../manifest.ts';
import { incomingKeyOf } from '../storage/keys.ts';
import { summarize } from './upload-summary.ts';

function notFound(uploadId: string): ReceiverError {
  return new ReceiverError(404, 'NOT_FOUND', `not found: upload ${uploadId.slice(0, 200)}`);
}

/** Removes a record's files and then the record; safe to run again after a crash. */
export async function removeUpload(context: ReceiverContext, record: UploadRecord): Promise<void> {
  const { storage, ledger } = context.options;
  await ledger.markDeleting(record.owner, record.uploadId);
  for (const version of Object.values(record.versions)) {
    await storage.delete(version.key);
    if (record.transport === 'presigned') await storage.delete(incomingKeyOf(version.key));
  }
  await ledger.remove(record.owner, record.uploadId);
}

export async function uploadsRoute(
  context: ReceiverContext,
  req: IncomingMessage,
  res: ServerResponse,
  uploadId: string | null,
): Promise<void> {
  const { options } = context;
  if (uploadId !== null && !UPLOAD_ID.test(uploadId)) throw notFound(uploadId);
  if (req.method === 'GET' && uploadId === null) {
    const owner = await identify(req, options.authorize, { action: 'list', uploadId: null });
    const records = await options.ledger.list({ owner, state: 'complete' });
    return sendJson(res, 200, { uploads: records.map((record) => summarize(record, options.basePath)) });
  }
  if (uploadId === null) throw new ReceiverError(405, 'METHOD_NOT_ALLOWED', 'method not allowed: GET or POST');
  if (req.method === 'GET') {
    const owner = await identify(req, options.authorize, { action: 'list', uploadId });
    const record = await options.ledger.get(owner, uploadId);
    if (record?.state !== 'complete') throw notFound(uploadId);
    return sendJson(res, 200, summarize(record, options.basePath));
  }
  if (req.method !== 'DELETE') throw new ReceiverError(405, 'METHOD_NOT_ALLOWED', 'method not allowed: GET or DELETE');
  const owner = await identify(req, options.authorize, { action: 'delete', uploadId });
  const controller = new AbortController();
  const lease = await context.locks.acquire(uploadLockKey(owner, uploadId), controller.signal);
  try {
    const record = await options.ledger.get(owner, uploadId);
    if (!record) throw notFound(uploadId);
    await removeUpload(context, record);
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  } finally {
    lease.release();
  }
}
