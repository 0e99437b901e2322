// /api/presign: the site's side of presigned uploads. POST /api/presign with the manifest
// answers one signed PUT URL per version; POST /api/presign/complete with the manifest checks
// every object in the bucket (size, SHA-256, magic bytes) and records it, once per upload id.
// The AWS SDK is imported on first use, so a receiver without S3 never loads it.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sniffFormat } from '../../src/shared/header.ts';
import type { UploadManifest, UploadReceipt } from '../../src/shared/wire.ts';
import type { FaultInjector } from './faults.ts';
import { HttpError, readJson, sendJson } from './http.ts';
import type { IdempotencyStore } from './idempotency.ts';
import { appendLedger, type LedgerEntry } from './ledger.ts';
import { parseManifest } from './manifest.ts';
import { extensionFor } from './storage.ts';
import type { ResolvedReceiverOptions, S3Settings } from './options.ts';

export interface PresignEndpoint {
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
}

/** Object keys are generated from a hash of the upload id, so a re-signed URL overwrites, never duplicates. */
function objectKey(manifest: UploadManifest, version: string): string {
  const folder = createHash('sha256').update(manifest.uploadId).digest('hex').slice(0, 32);
  return `uploads/${folder}/${version}.${extensionFor(manifest.versions[version]!.type)}`;
}

async function manifestFrom(req: IncomingMessage, maxPartBytes: number): Promise<UploadManifest> {
  const body = (await readJson(req)) as { manifest?: unknown } | null;
  return parseManifest(JSON.stringify(body?.manifest ?? null), maxPartBytes);
}

export async function createPresignEndpoint(
  options: ResolvedReceiverOptions,
  idempotency: IdempotencyStore,
  faults: FaultInjector | null,
): Promise<PresignEndpoint> {
  const { S3Client, PutObjectCommand, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
  const s3: S3Settings = options.s3!;
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    // No flexible checksums: a presigned PUT has no body to checksum when it is signed.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });

  async function sign(req: IncomingMessage, res: ServerResponse, only: string | null): Promise<void> {
    const manifest = await manifestFrom(req, options.maxPartBytes);
    const fault = faults?.take('presign') ?? null;
    faults?.log({
      route: 'presign',
      method: 'POST',
      url: req.url ?? '',
      at: Date.now(),
      idempotencyKey: manifest.uploadId,
      fault: fault?.kind ?? null,
    });
    const urls: Record<string, { url: string; headers: Record<string, string> }> = {};
    for (const [name, version] of Object.entries(manifest.versions)) {
      if (only !== null && name !== only) continue;
      const command = new PutObjectCommand({
        Bucket: s3.bucket,
        Key: objectKey(manifest, name),
        ContentType: version.type,
      });
      // The "expired URL" fault: signed two hours ago for one minute.
      const signing =
        fault?.kind === 'expired-url'
          ? { signingDate: new Date(Date.now() - 2 * 3600_000), expiresIn: 60 }
          : { expiresIn: s3.expiresIn };
      urls[name] = { url: await getSignedUrl(client, command, signing), headers: { 'Content-Type': version.type } };
    }
    sendJson(res, 200, { urls });
  }

  async function complete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const manifest = await manifestFrom(req, options.maxPartBytes);
    const fault = faults?.take('complete') ?? null;
    faults?.log({
      route: 'complete',
      method: 'POST',
      url: req.url ?? '',
      at: Date.now(),
      idempotencyKey: manifest.uploadId,
      fault: fault?.kind ?? null,
    });
    if (fault?.kind === 'status') throw new HttpError(fault.status, 'INJECTED', `injected fault: ${fault.status}`);
    const recordKey = `presigned:${manifest.uploadId}`;
    const answer = await idempotency.exclusive(recordKey, async () => {
      const previous = await idempotency.get(recordKey);
      if (previous) return { ...previous, replayed: true };
      const receipt: UploadReceipt = { uploadId: manifest.uploadId, versions: {} };
      const entries: LedgerEntry[] = [];
      for (const [name, version] of Object.entries(manifest.versions)) {
        const key = objectKey(manifest, name);
        const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key })).catch(() => null);
        if (!object?.Body)
          throw new HttpError(409, 'NOT_UPLOADED', `not uploaded: version ${name} is not in the bucket`);
        const bytes = Buffer.from(await object.Body.transformToByteArray());
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const sniffed = sniffFormat(new Uint8Array(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64)));
        if (sniffed !== version.type)
          throw new HttpError(
            415,
            'TYPE_MISMATCH',
            `type mismatch: version ${name} declares ${version.type}, its bytes are ${sniffed ?? 'not an image'}`,
          );
        if (sha256 !== version.sha256 || bytes.length !== version.bytes) {
          throw new HttpError(
            422,
            'CHECKSUM_MISMATCH',
            `checksum mismatch: version ${name} is ${bytes.length} bytes with SHA-256 ${sha256} in the bucket`,
          );
        }
        receipt.versions[name] = { key, bytes: bytes.length, sha256, type: version.type };
        entries.push({
          at: new Date().toISOString(),
          transport: 'presigned',
          uploadId: manifest.uploadId,
          version: name,
          key,
          bytes: bytes.length,
          sha256,
          type: version.type,
          sourceName: manifest.source.name,
        });
      }
      await appendLedger(options.dir, entries);
      const record = { status: 201, body: receipt };
      await idempotency.put(recordKey, record);
      return { ...record, replayed: false };
    });
    if (fault?.kind === 'drop-response') return void req.socket.destroy();
    sendJson(res, answer.status, answer.body, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {});
  }

  return {
    async handle(req, res, path) {
      if (req.method !== 'POST') throw new HttpError(405, 'METHOD', 'method not allowed: POST only');
      if (path === '/api/presign')
        return sign(req, res, new URL(req.url ?? '', 'http://x').searchParams.get('version'));
      if (path === '/api/presign/complete') return complete(req, res);
      throw new HttpError(404, 'NOT_FOUND', `not found: ${path}`);
    },
  };
}
