// @tus/server refuses a request when the hook throws a plain { status_code, body } object: its API, not ours.
/* eslint-disable @typescript-eslint/only-throw-error */
// /api/tus/: a real tus server (@tus/server with @tus/file-store). One tus upload per version,
// the manifest in its metadata. When a version's last byte arrives it is checked like a
// multipart part (magic bytes, size, SHA-256) and copied into the files folder, once per
// (uploadId, version) however many times the client sends it.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, open, rename } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import type { Upload } from '@tus/utils';
import { sniffFormat } from '../../src/shared/header.ts';
import type { StoredVersion } from '../../src/shared/wire.ts';
import type { FaultInjector } from './faults.ts';
import { HttpError, sendError } from './http.ts';
import type { IdempotencyStore } from './idempotency.ts';
import { appendLedger } from './ledger.ts';
import { parseManifest } from './manifest.ts';
import type { ResolvedReceiverOptions } from './options.ts';
import { filesDir, generateKey, tempDir } from './storage.ts';

export const TUS_PATH = '/api/tus';

/** What @tus/server turns into an HTTP answer when a hook throws it. */
function refuse(status: number, message: string): { status_code: number; body: string } {
  return { status_code: status, body: message };
}

/** A FileStore whose PATCH writes can be cut after N bytes, for the "connection cut" fault. */
class FaultyFileStore extends FileStore {
  /** Pending cuts by upload id, set by the request handler, which knows the socket. */
  readonly cuts = new Map<string, { afterBytes: number; socket: IncomingMessage['socket'] }>();

  override write(readable: Readable, id: string, offset: number): Promise<number> {
    const cut = this.cuts.get(id);
    if (!cut) return super.write(readable, id, offset);
    this.cuts.delete(id);
    let seen = 0;
    const cutter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen <= cut.afterBytes) return callback(null, chunk);
        callback(null, chunk.subarray(0, chunk.length - (seen - cut.afterBytes)));
        cut.socket.destroy();
      },
    });
    return super.write(readable.pipe(cutter), id, offset);
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await file.read(buffer, 0, 64, 0);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
  } finally {
    await file.close();
  }
}

/** Parses and checks an upload's metadata: the manifest and the version this upload carries. */
function describe(upload: Upload, maxPartBytes: number) {
  const metadata = upload.metadata ?? {};
  let manifest;
  try {
    manifest = parseManifest(metadata['manifest'] ?? '', maxPartBytes);
  } catch (error) {
    const http = error as HttpError;
    throw refuse(http.status ?? 400, http.message);
  }
  const name = metadata['version'] ?? '';
  const version = manifest.versions[name];
  if (!version) throw refuse(400, `unknown version: ${name.slice(0, 80)} is not in the manifest`);
  if (upload.size !== undefined && upload.size !== version.bytes) {
    throw refuse(400, `size mismatch: version ${name} declares ${version.bytes} bytes, the upload ${upload.size}`);
  }
  return { manifest, name, version };
}

export interface TusEndpoint {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function createTusEndpoint(
  options: ResolvedReceiverOptions,
  idempotency: IdempotencyStore,
  faults: FaultInjector | null,
): TusEndpoint {
  const directory = join(options.dir, '.tus');
  const store = new FaultyFileStore({ directory });
  const server = new Server({
    path: TUS_PATH,
    datastore: store,
    maxSize: options.maxPartBytes,
    relativeLocation: true,
    async onUploadCreate(_req, upload) {
      describe(upload, options.maxPartBytes);
      return {};
    },
    async onUploadFinish(_req, upload) {
      const { manifest, name, version } = describe(upload, options.maxPartBytes);
      const path = join(directory, upload.id);
      const sniffed = sniffFormat(await readHead(path));
      if (sniffed !== version.type)
        throw refuse(
          415,
          `type mismatch: version ${name} declares ${version.type}, its bytes are ${sniffed ?? 'not an image'}`,
        );
      const sha256 = await sha256File(path);
      if (sha256 !== version.sha256)
        throw refuse(
          422,
          `checksum mismatch: version ${name} arrived with SHA-256 ${sha256}, the manifest says ${version.sha256}`,
        );
      // One record per (upload, version): a version sent again is acknowledged, not stored again.
      const recordKey = `tus:${manifest.uploadId}:${name}`;
      const stored = await idempotency.exclusive(recordKey, async () => {
        const previous = await idempotency.get(recordKey);
        if (previous) return previous.body as StoredVersion;
        const key = generateKey(version.type);
        const temporary = join(tempDir(options.dir), `${upload.id}.copy`);
        await copyFile(path, temporary);
        await rename(temporary, join(filesDir(options.dir), key.slice('files/'.length)));
        await appendLedger(options.dir, [
          {
            at: new Date().toISOString(),
            transport: 'tus',
            uploadId: manifest.uploadId,
            version: name,
            key,
            bytes: version.bytes,
            sha256,
            type: version.type,
            sourceName: manifest.source.name,
          },
        ]);
        const receipt: StoredVersion = { key, bytes: version.bytes, sha256, type: version.type, url: `/api/${key}` };
        await idempotency.put(recordKey, { status: 200, body: receipt });
        return receipt;
      });
      return { headers: { 'Upload-Stored-Key': stored.key } };
    },
  });

  return {
    async handle(req, res) {
      const route = req.method === 'PATCH' ? 'tus-patch' : req.method === 'POST' ? 'tus-post' : null;
      const id = (req.url ?? '').slice(TUS_PATH.length + 1).split('?')[0] ?? '';
      // A status fault answers before tus sees the request; a cut fault is done by the store.
      const fault = route ? (faults?.take(route) ?? null) : null;
      faults?.log({
        route: route ?? 'other',
        method: req.method ?? '',
        url: req.url ?? '',
        at: Date.now(),
        idempotencyKey: null,
        fault: fault?.kind ?? null,
        ...(req.headers['upload-offset'] === undefined ? {} : { uploadOffset: Number(req.headers['upload-offset']) }),
      });
      if (fault?.kind === 'cut' && route === 'tus-patch' && id)
        store.cuts.set(id, { afterBytes: fault.afterBytes, socket: req.socket });
      if (fault?.kind === 'status') {
        req.resume();
        const headers: Record<string, string> = {
          'Tus-Resumable': '1.0.0',
          ...(fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter }),
        };
        return sendError(res, new HttpError(fault.status, 'INJECTED', `injected fault: ${fault.status}`, headers));
      }
      await server.handle(req, res);
    },
  };
}
