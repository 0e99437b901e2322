// The receiver as one connect-style middleware: routes /api/uploads (multipart), /api/tus/
// (tus), /api/files/ (stored files), /api/presign (presigned PUTs, when S3 is configured) and,
// only when fault injection is enabled, /api/__faults. Everything else goes to `next`.
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { FaultInjector, type FaultRule } from './faults.ts';
import { HttpError, readJson, sendError, sendJson } from './http.ts';
import { IdempotencyStore } from './idempotency.ts';
import { receiveMultipart, type ReceiverContext } from './multipart-receiver.ts';
import type { ResolvedReceiverOptions } from './options.ts';
import { createPresignEndpoint, type PresignEndpoint } from './presign-endpoint.ts';
import { filesDir } from './storage.ts';
import { createTusEndpoint, TUS_PATH } from './tus-endpoint.ts';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

const STORED_FILE = /^\/api\/files\/([0-9a-f-]{36}\.(?:jpg|png|webp|gif|avif))$/;
const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

async function serveStored(res: ServerResponse, dir: string, name: string): Promise<void> {
  const path = join(filesDir(dir), name);
  const info = await stat(path).catch(() => null);
  if (!info) return sendError(res, new HttpError(404, 'NOT_FOUND', `not found: ${name}`));
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
    'Content-Length': info.size,
    // Stored files are user content: never sniffed into HTML, never run as script.
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'",
  });
  createReadStream(path).pipe(res);
}

async function controlFaults(req: IncomingMessage, res: ServerResponse, faults: FaultInjector): Promise<void> {
  if (req.method === 'POST') {
    const body = (await readJson(req)) as { rules?: FaultRule[] } | null;
    faults.add(body?.rules ?? []);
    return sendJson(res, 204, null);
  }
  if (req.method === 'DELETE') {
    faults.reset();
    return sendJson(res, 200, {});
  }
  sendJson(res, 200, { requests: faults.requests() });
}

/** Builds the middleware; the storage folder is created on the first request. */
export function createReceiver(options: ResolvedReceiverOptions): Middleware {
  const faults = options.faults ? new FaultInjector() : null;
  const idempotency = new IdempotencyStore(options.dir);
  const context: ReceiverContext = { options, idempotency, faults };
  const tus = createTusEndpoint(options, idempotency, faults);
  let presign: Promise<PresignEndpoint> | null = null;
  let ready: Promise<unknown> | null = null;

  async function route(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith('/api/')) return next();
    ready ??= Promise.all([
      mkdir(filesDir(options.dir), { recursive: true }),
      mkdir(join(options.dir, '.tmp'), { recursive: true }),
    ]);
    await ready;
    if (path === '/api/uploads' && req.method === 'POST') return receiveMultipart(req, res, context);
    if (path === TUS_PATH || path.startsWith(`${TUS_PATH}/`)) return tus.handle(req, res);
    const stored = STORED_FILE.exec(path);
    if (stored && req.method === 'GET') return serveStored(res, options.dir, stored[1]!);
    if (path.startsWith('/api/files/')) throw new HttpError(404, 'NOT_FOUND', 'not found: no such stored file');
    if (path === '/api/__faults' && faults) return controlFaults(req, res, faults);
    if (path.startsWith('/api/presign') && options.s3) {
      presign ??= createPresignEndpoint(options, idempotency, faults);
      return (await presign).handle(req, res, path);
    }
    next();
  }

  return (req, res, next) => {
    route(req, res, next).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(res, error);
      console.error('[imagespec receiver]', error);
      sendError(res, new HttpError(500, 'INTERNAL', 'internal error: see the server log'));
    });
  };
}
