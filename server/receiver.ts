// The receiver as one (req, res, next) handler for node:http, Connect/Express and Fastify:
//   POST   {basePath}/uploads        multipart upload
//   GET    {basePath}/uploads        the caller's stored uploads
//   GET    {basePath}/uploads/:id    one stored upload
//   DELETE {basePath}/uploads/:id    a stored upload, files and record
//   GET    {basePath}/files/<key>    a stored version
//   *      {basePath}/tus/           tus uploads
//   POST   {basePath}/presign[/complete]  presigned PUTs (storage that can sign them)
// Everything else goes to `next`. Every refusal is a typed JSON error; nothing a request does
// escapes as an exception.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createContext } from './context.ts';
import { isReceiverError, ReceiverError } from './errors.ts';
import { refuseEarly } from './http/answers.ts';
import { applyCors } from './http/cors.ts';
import { receiveMultipart } from './multipart/receive-multipart.ts';
import { resolveReceiverOptions, type ReceiverOptions } from './options.ts';
import { presignRoute } from './presign/presign-endpoint.ts';
import { sweepExpired } from './sweep.ts';
import { createTusEndpoint, type TusEndpoint } from './tus/tus-endpoint.ts';
import { serveFile } from './uploads/serve-file.ts';
import { uploadsRoute } from './uploads/uploads-routes.ts';
import type { UploadLedger } from './ledger/upload-ledger.ts';
import type { UploadStorage } from './storage/upload-storage.ts';

/** Called when the receiver does not handle a request (Connect's and Express's `next`). */
export type Next = (error?: unknown) => void;

export interface Receiver {
  (req: IncomingMessage, res: ServerResponse, next?: Next): void;
  readonly storage: UploadStorage;
  readonly ledger: UploadLedger;
  /** Removes expired uploads now (it also runs every `sweepIntervalMs` once the receiver has served a request). */
  sweep(): Promise<void>;
  /** Stops the sweep timer and closes the ledger. */
  close(): Promise<void>;
}

/** A path segment as sent, or null when it is not valid percent-encoding. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function notFound(res: ServerResponse): void {
  refuseEarly(res.req, res, new ReceiverError(404, 'NOT_FOUND', 'not found: no such route'), {
    bytes: 0,
    timeoutMs: 0,
  });
}

/**
 * Creates the receiver. Nothing is opened until the first request.
 *
 * @example
 * const receiver = createReceiver({ dir: '/var/lib/uploads', authorize: (req) => userIdOf(req) });
 * createServer((req, res) => receiver(req, res)).listen(8080);
 */
export function createReceiver(receiverOptions: ReceiverOptions): Receiver {
  const options = resolveReceiverOptions(receiverOptions);
  const context = createContext(options);
  const presign = presignRoute(context);
  let tus: Promise<TusEndpoint> | null = null;
  let sweeper: ReturnType<typeof setInterval> | null = null;
  const tusEndpoint = () =>
    (tus ??= createTusEndpoint(context).catch((error: unknown) => {
      tus = null; // tried again on the next tus request
      throw error;
    }));
  const sweep = async () => sweepExpired(context, tus ? await tus : null);
  const base = options.basePath;

  async function route(req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path !== base && !path.startsWith(`${base}/`)) return next();
    const rest = path.slice(base.length);
    sweeper ??= setInterval(() => void sweep().catch(options.onError), options.limits.sweepIntervalMs).unref();
    if (applyCors(req, res, options.cors)) return;
    if (rest === '/uploads' && req.method === 'POST') return receiveMultipart(context, req, res);
    if (rest === '/uploads') return uploadsRoute(context, req, res, null);
    if (rest.startsWith('/uploads/')) {
      return uploadsRoute(context, req, res, decodeSegment(rest.slice('/uploads/'.length)) ?? '');
    }
    if (rest.startsWith('/files/')) return serveFile(context, req, res, rest.slice(1));
    if (rest === '/tus' || rest.startsWith('/tus/'))
      return (await tusEndpoint()).handle(req, res, rest.slice('/tus'.length));
    if (presign && (rest === '/presign' || rest.startsWith('/presign/')))
      return presign(req, res, rest.slice('/presign'.length));
    next();
  }

  const receiver = (req: IncomingMessage, res: ServerResponse, next: Next = () => notFound(res)) => {
    // A client that resets mid-body makes the request emit 'error'; nobody else may be listening.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    route(req, res, next).catch((error: unknown) => {
      if (!isReceiverError(error)) {
        // The client left, or the key's lock was taken back: nobody is waiting for an answer.
        if (res.destroyed || req.destroyed) return;
        options.onError(error);
        error = new ReceiverError(500, 'INTERNAL', 'internal error: see the receiver log');
      }
      refuseEarly(req, res, error as ReceiverError, context.drain);
    });
  };
  return Object.assign(receiver, {
    storage: options.storage,
    ledger: options.ledger,
    sweep,
    async close() {
      if (sweeper) clearInterval(sweeper);
      await options.ledger.close?.();
    },
  });
}
