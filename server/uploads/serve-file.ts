// GET {basePath}/files/<uuid>.<ext>: a stored version. Stored files are user content: served
// with the type their bytes show (or as an attachment of no type when they show none), never
// sniffed by the browser, never run as a document or script.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sniffFormat } from '../../src/shared/header.ts';
import { identify } from '../access.ts';
import type { ReceiverContext } from '../context.ts';
import { ReceiverError } from '../errors.ts';
import { STORED_KEY, typeOfKey } from '../storage/keys.ts';
import { SNIFF_BYTES } from '../verify.ts';

const SAFE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cross-Origin-Resource-Policy': 'same-site',
  'Cache-Control': 'private, max-age=86400',
};

/** Reads the first bytes of a stream and gives them back in front of the rest. */
async function peek(body: Readable, bytes: number): Promise<{ head: Buffer; body: Readable }> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest() {
    try {
      yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      body.destroy();
    }
  }
  return { head, body: Readable.from(rest()) };
}

export async function serveFile(
  context: ReceiverContext,
  req: IncomingMessage,
  res: ServerResponse,
  key: string,
): Promise<void> {
  const { options } = context;
  if (req.method !== 'GET' && req.method !== 'HEAD')
    throw new ReceiverError(405, 'METHOD_NOT_ALLOWED', 'method not allowed: GET only');
  if (!STORED_KEY.test(key)) throw new ReceiverError(404, 'NOT_FOUND', 'not found: no such stored file');
  await identify(req, options.authorize, { action: 'read', uploadId: null });
  const object = await options.storage.get(key);
  if (!object) throw new ReceiverError(404, 'NOT_FOUND', `not found: ${key}`);
  const { head, body } = await peek(object.body, SNIFF_BYTES);
  const sniffed = sniffFormat(new Uint8Array(head.buffer, head.byteOffset, head.length));
  const safe = sniffed !== null && sniffed === typeOfKey(key);
  res.writeHead(200, {
    ...SAFE_HEADERS,
    'Content-Type': safe ? sniffed : 'application/octet-stream',
    'Content-Length': String(object.bytes),
    ...(safe ? {} : { 'Content-Disposition': 'attachment' }),
  });
  if (req.method === 'HEAD') {
    object.body.destroy();
    return void res.end();
  }
  // A client that leaves mid-file ends the pipeline with an error: nothing to answer then.
  await pipeline(body, res).catch(() => undefined);
}
