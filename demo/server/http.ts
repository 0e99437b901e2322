// Small answers shared by the receiver's handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UploadErrorBody } from '../../src/shared/wire.ts';

/** An error that already knows its HTTP answer. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError, extraHeaders: Record<string, string> = {}): void {
  const body: UploadErrorBody = { error: error.code, message: error.message };
  sendJson(res, error.status, body, { ...error.headers, ...extraHeaders });
}

/**
 * Answers before the body is read, then closes the connection: the rest of a too-large body is
 * never read to the end. A short grace lets the client see the answer before the reset (a browser
 * that is still sending reports a reset as a network error, not as the status).
 */
export function answerEarlyAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  error: HttpError,
  graceBytes: number,
): void {
  sendError(res, error, { Connection: 'close' });
  let discarded = 0;
  req.unpipe();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > graceBytes) req.socket.destroy();
  });
  req.resume();
  setTimeout(() => req.socket.destroy(), 1000).unref();
}

/** Reads a small JSON body, refusing anything larger than `limit` bytes. */
export async function readJson(req: IncomingMessage, limit = 256 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'TOO_LARGE', `request body too large: over ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'BAD_JSON', 'request body is not JSON');
  }
}
