// {basePath}/presign: presigned uploads straight to S3-compatible storage. POST /presign with
// the manifest begins the upload's record and answers one signed PUT per version, to an
// `incoming/` key; the URL signs the type, the size and the SHA-256. POST /presign/complete
// copies each object to its final key (which only the receiver writes, so a URL still valid
// after completion cannot change a stored version), checks the copy by streaming it, and
// completes the record. A completed upload is never signed again.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SignedPut } from '../storage/upload-storage.ts';
import { identify } from '../access.ts';
import { beginUpload, checkSameUpload, receiptOf } from '../commit-upload.ts';
import { uploadLockKey, type ReceiverContext } from '../context.ts';
import { ReceiverError } from '../errors.ts';
import { sendJson } from '../http/answers.ts';
import { readJson } from '../http/read-json.ts';
import { guardRequest } from '../http/request-guard.ts';
import type { UploadRecord } from '../ledger/upload-ledger.ts';
import { checkManifest, type CheckedManifest } from '../manifest.ts';
import { incomingKeyOf } from '../storage/keys.ts';
import { checkBytes, measureStream } from '../verify.ts';

async function manifestOf(req: IncomingMessage, context: ReceiverContext): Promise<CheckedManifest> {
  const { limits } = context.options;
  const body = await readJson(req, limits.maxManifestBytes);
  const manifest = typeof body === 'object' && body !== null ? (body as { manifest?: unknown }).manifest : undefined;
  return checkManifest(manifest, limits);
}

function alreadyComplete(uploadId: string): ReceiverError {
  return new ReceiverError(
    409,
    'ALREADY_COMPLETE',
    `already complete: upload ${uploadId} is stored; it is not signed again`,
  );
}

/** POST /presign[?version=name]: signed PUTs for every version (or the one whose URL expired). */
async function sign(context: ReceiverContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { options } = context;
  const { storage } = options;
  const checked = await manifestOf(req, context);
  const owner = await identify(req, options.authorize, { action: 'upload', uploadId: checked.manifest.uploadId });
  const only = new URL(req.url ?? '', 'http://receiver').searchParams.get('version');
  const record = await beginUpload(options, owner, checked, 'presigned');
  if (record.state === 'complete') throw alreadyComplete(record.uploadId);
  const urls: Record<string, SignedPut> = {};
  for (const [name, version] of Object.entries(record.versions)) {
    if ((only !== null && name !== only) || version.stored) continue;
    urls[name] = await storage.signPut!(incomingKeyOf(version.key), {
      type: version.type,
      bytes: version.bytes,
      sha256: version.sha256,
      expiresIn: options.presignExpiresIn,
      now: options.now(),
    });
  }
  sendJson(res, 200, { urls });
}

/** Copies one version to its final key and checks the copy; a wrong copy is removed. */
async function promote(context: ReceiverContext, record: UploadRecord, name: string): Promise<void> {
  const { storage } = context.options;
  const version = record.versions[name]!;
  const incoming = incomingKeyOf(version.key);
  if (!(await storage.get(incoming).then((object) => (object?.body.destroy(), object !== null)))) {
    throw new ReceiverError(409, 'NOT_UPLOADED', `not uploaded: version ${name} is not in the bucket`);
  }
  await storage.copy!(incoming, version.key, version.type);
  const copy = await storage.get(version.key);
  if (!copy) throw new Error(`copy of ${incoming} to ${version.key} is missing`);
  try {
    checkBytes(name, version, await measureStream(copy.body, version.bytes));
  } catch (error) {
    await Promise.all([storage.delete(version.key), storage.delete(incoming)]);
    throw error;
  }
}

/** POST /presign/complete: checks and completes; replays the receipt of a completed upload. */
async function complete(context: ReceiverContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { options } = context;
  const checked = await manifestOf(req, context);
  const { uploadId } = checked.manifest;
  const owner = await identify(req, options.authorize, { action: 'upload', uploadId });
  const releaseSlot = context.slots.take();
  const guard = guardRequest(req, res, options.limits);
  try {
    const lease = await context.locks.acquire(uploadLockKey(owner, uploadId), guard.signal);
    try {
      const record = await options.ledger.get(owner, uploadId);
      if (!record) throw new ReceiverError(409, 'NOT_UPLOADED', `not uploaded: upload ${uploadId} was never presigned`);
      checkSameUpload(record, checked);
      if (record.state === 'complete') {
        return sendJson(res, 201, receiptOf(record, options.basePath), { 'Idempotent-Replayed': 'true' });
      }
      const names = Object.keys(record.versions).filter((name) => !record.versions[name]!.stored);
      for (const name of names) await promote(context, record, name);
      const stored = await options.ledger.markStored(owner, uploadId, names, options.now());
      await Promise.all(names.map((name) => options.storage.delete(incomingKeyOf(record.versions[name]!.key))));
      sendJson(res, 201, receiptOf(stored, options.basePath));
    } finally {
      lease.release();
    }
  } finally {
    guard.dispose();
    releaseSlot();
  }
}

/** Routes {basePath}/presign and /presign/complete; null when the storage cannot presign. */
export function presignRoute(context: ReceiverContext) {
  const { storage } = context.options;
  if (!storage.signPut || !storage.copy) return null;
  return async (req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> => {
    if (rest !== '' && rest !== '/complete') throw new ReceiverError(404, 'NOT_FOUND', `not found: presign${rest}`);
    if (req.method !== 'POST') throw new ReceiverError(405, 'METHOD_NOT_ALLOWED', 'method not allowed: POST only');
    return rest === '' ? sign(context, req, res) : complete(context, req, res);
  };
}
