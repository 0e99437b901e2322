// @tus/server refuses a request when a hook throws a plain { status_code, body } object: its API, not ours.
/* eslint-disable @typescript-eslint/only-throw-error */
// {basePath}/tus/: tus resumable uploads (@tus/server with @tus/file-store), one per version,
// the manifest in the creation's metadata. Around @tus/server: the caller's identity on every
// request (an upload answers only to who created it), GET off (stored files are served by
// {basePath}/files/ with safe headers), HEAD answered here (no metadata echoed; a finished
// upload is stored before it is called complete), CORS off unless configured, and expiry.
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Upload } from '@tus/utils';
import { RECEIPT_HEADER } from '../../src/shared/wire.ts';
import { identify } from '../access.ts';
import { beginUpload } from '../commit-upload.ts';
import type { ReceiverContext } from '../context.ts';
import { isReceiverError, quote, ReceiverError } from '../errors.ts';
import { isAllowedOrigin } from '../http/cors.ts';
import { guardRequest } from '../http/request-guard.ts';
import { parseManifest } from '../manifest.ts';
import { finishTusUpload, infoOf, type TusUploadInfo } from './tus-finish.ts';
import { parseTusMetadata } from './tus-metadata.ts';

/** tus upload ids as @tus/file-store makes them: 16 random bytes in hex. */
const TUS_ID = /^[0-9a-f]{32}$/;

/** What @tus/server answers when a hook throws it. */
function refusal(error: unknown): { status_code: number; body: string } {
  if (isReceiverError(error)) return { status_code: error.status, body: JSON.stringify(error.toBody()) };
  throw error;
}

/** The Node request under @tus/server's web Request (srvx keeps it). */
function nodeRequestOf(request: unknown): IncomingMessage | undefined {
  return (request as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
}

export interface TusEndpoint {
  handle(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void>;
  /** Removes tus uploads created before `before` (finished or not) and their files. */
  sweep(before: number): Promise<void>;
}

/** Builds the endpoint; @tus/server is loaded here, on the first tus request, not at import. */
export async function createTusEndpoint(context: ReceiverContext): Promise<TusEndpoint> {
  const { options } = context;
  const { limits } = options;
  /** What each creation request was checked to be, for @tus/server's creation hook. */
  const creations = new WeakMap<IncomingMessage, TusUploadInfo>();
  await mkdir(options.tusDir, { recursive: true });
  const [{ FileStore }, { Server }] = await Promise.all([import('@tus/file-store'), import('@tus/server')]);
  const store = new FileStore({ directory: options.tusDir, expirationPeriodInMilliseconds: limits.expireAfterMs });
  const server = new Server({
    path: `${options.basePath}/tus`,
    datastore: store,
    maxSize: limits.maxPartBytes,
    relativeLocation: true,
    allowedOrigins: (origin) => isAllowedOrigin(options.cors, origin),
    allowedCredentials: options.cors !== false && options.cors.credentials === true,
    exposedHeaders: [RECEIPT_HEADER],
    disableTerminationForFinishedUploads: true,
    async onUploadCreate(request) {
      // Checked and begun before @tus/server saw the request (see create): only what finishing
      // needs stays with the upload; the manifest lives in the ledger.
      const info = creations.get(nodeRequestOf(request)!);
      if (!info) throw refusal(new ReceiverError(403, 'FORBIDDEN', 'forbidden: no identity for this request'));
      return { metadata: { ...info } };
    },
    onResponseError(_request, error) {
      // @tus/server's own refusals answer in the receiver's JSON shape too.
      if (!('status_code' in error)) {
        options.onError(error);
        return {
          status_code: 500,
          body: JSON.stringify({ error: 'INTERNAL', message: 'internal error: see the receiver log' }),
        };
      }
      const { status_code, body } = error;
      if (body.startsWith('{')) return { status_code, body };
      return { status_code, body: JSON.stringify({ error: 'TUS_REFUSED', message: `tus refused: ${body.trim()}` }) };
    },
    async onUploadFinish(request, upload) {
      try {
        const info = infoOf(upload);
        if (!info) throw new ReceiverError(410, 'GONE', 'gone: the upload has no receiver metadata');
        const stored = await finish(upload, info, request.signal);
        return { headers: { [RECEIPT_HEADER]: JSON.stringify(stored) } };
      } catch (error) {
        throw refusal(error);
      }
    },
  });

  /** Checks a creation (its manifest, its version and length) and begins the upload's record. */
  async function create(req: IncomingMessage, owner: string): Promise<TusUploadInfo> {
    const metadata = parseTusMetadata(req.headers['upload-metadata']);
    const checked = parseManifest(metadata['manifest'] ?? '', limits);
    const name = metadata['version'] ?? '';
    const version = Object.hasOwn(checked.manifest.versions, name) ? checked.manifest.versions[name] : undefined;
    if (!version) {
      throw new ReceiverError(400, 'UNEXPECTED_PART', `unexpected part: version ${quote(name)} is not in the manifest`);
    }
    const length = req.headers['upload-length'];
    if (length !== String(version.bytes)) {
      throw new ReceiverError(
        400,
        'CHECKSUM_MISMATCH',
        `size mismatch: version ${name} declares ${version.bytes} bytes, the upload ${quote(String(length ?? 'a deferred length'))}`,
      );
    }
    await beginUpload(options, owner, checked, 'tus');
    return { owner, uploadId: checked.manifest.uploadId, version: name };
  }

  /** Finishes, removing an upload whose bytes can never be stored. */
  async function finish(upload: Upload, info: NonNullable<ReturnType<typeof infoOf>>, signal: AbortSignal) {
    try {
      return await finishTusUpload(context, upload, info, signal);
    } catch (error) {
      if (isReceiverError(error) && error.status !== 429 && error.status < 500)
        await store.remove(upload.id).catch(() => undefined);
      throw error;
    }
  }

  /** The upload `id` if it exists, belongs to `owner` and has not expired. */
  async function ownUpload(id: string, owner: string): Promise<Upload> {
    const notFound = new ReceiverError(404, 'NOT_FOUND', `not found: tus upload ${id}`);
    if (!TUS_ID.test(id)) throw notFound;
    const upload = await store.getUpload(id).catch(() => null);
    if (!upload || infoOf(upload)?.owner !== owner) throw notFound;
    const created = upload.creation_date ? Date.parse(upload.creation_date) : 0;
    if (created + limits.expireAfterMs < options.now()) {
      await store.remove(id).catch(() => undefined);
      throw new ReceiverError(410, 'GONE', `gone: tus upload ${id} expired`);
    }
    return upload;
  }

  /** HEAD, answered here: the offset and length, and for a finished upload its receipt. */
  async function head(res: ServerResponse, upload: Upload, signal: AbortSignal): Promise<void> {
    const headers: Record<string, string> = {
      'Tus-Resumable': '1.0.0',
      'Cache-Control': 'no-store',
      'Upload-Offset': String(upload.offset),
      'Upload-Length': String(upload.size ?? 0),
    };
    if (upload.size !== undefined && upload.offset === upload.size) {
      // Complete on disk: call it complete only once it is stored (a failed finish is retried here).
      try {
        headers[RECEIPT_HEADER] = JSON.stringify(await finish(upload, infoOf(upload)!, signal));
      } catch (error) {
        if (!isReceiverError(error)) throw error;
        res.writeHead(error.status, { 'Tus-Resumable': '1.0.0', 'Cache-Control': 'no-store', ...error.headers });
        return void res.end();
      }
    }
    res.writeHead(200, headers);
    res.end();
  }

  return {
    async handle(req, res, rest) {
      const id = rest.replace(/^\/+/, '');
      if (req.method === 'OPTIONS') return server.handle(req, res);
      if (req.method === 'GET') {
        throw new ReceiverError(
          405,
          'METHOD_NOT_ALLOWED',
          `method not allowed: tus uploads are not served; use ${options.basePath}/files/`,
        );
      }
      const owner = await identify(req, options.authorize, { action: 'upload', uploadId: null });
      const creates = id === '' && req.method === 'POST';
      if (!creates && !['HEAD', 'PATCH', 'DELETE'].includes(req.method ?? '')) {
        throw new ReceiverError(405, 'METHOD_NOT_ALLOWED', `method not allowed: ${quote(req.method ?? '')}`);
      }
      const releaseSlot = req.method === 'PATCH' || creates ? context.slots.take() : () => {};
      const guard = guardRequest(req, res, limits);
      try {
        if (creates) {
          creations.set(req, await create(req, owner));
          return await server.handle(req, res);
        }
        const upload = await ownUpload(id, owner);
        if (req.method === 'HEAD') return await head(res, upload, guard.signal);
        await server.handle(req, res);
      } finally {
        releaseSlot();
        guard.dispose();
      }
    },
    async sweep(before) {
      for (const id of (await store.configstore.list?.()) ?? []) {
        const upload = await store.getUpload(id).catch(() => null);
        const created = upload?.creation_date ? Date.parse(upload.creation_date) : 0;
        if (!upload || created < before) await store.remove(id).catch(() => undefined);
      }
    },
  };
}
