// How the receiver answers: JSON with no caching and no sniffing, errors as `{ error, message }`,
// and early answers that the client can actually read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ReceiverError } from '../errors.ts';

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** Answers `body` as JSON, unless an answer was already started (then there is nothing left to say). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === null ? '' : JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ReceiverError): void {
  sendJson(res, error.status, error.toBody(), error.headers);
}

/** How much of a body that will not be used is still read after answering, so the client sees the answer. */
export interface DrainBudget {
  bytes: number;
  timeoutMs: number;
}

/**
 * Answers before (or without) reading the rest of the body, then reads and drops at most
 * `budget.bytes` more of it for at most `budget.timeoutMs`. A client that is still sending when
 * the answer comes (a browser always is) only reads the answer once its upload ends or fails:
 * closing at once would reset the connection and the answer with it. Past the budget the
 * connection is closed anyway, a moment after the answer was flushed.
 */
export function answerEarly(req: IncomingMessage, res: ServerResponse, answer: () => void, budget: DrainBudget): void {
  req.unpipe();
  answer();
  if (req.complete || req.readableEnded || req.destroyed) return;
  let left = budget.bytes;
  const close = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.pause();
    const destroy = () => setTimeout(() => req.socket?.destroy(), 250).unref();
    if (res.writableFinished) destroy();
    else res.once('finish', destroy).once('close', destroy);
  };
  const onData = (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) close();
  };
  const timer = setTimeout(close, budget.timeoutMs);
  timer.unref();
  req.on('data', onData);
  req.once('end', () => clearTimeout(timer));
  req.resume();
}

/** Refuses with `error` before the body is read (see {@link answerEarly}). */
export function refuseEarly(
  req: IncomingMessage,
  res: ServerResponse,
  error: ReceiverError,
  budget: DrainBudget,
): void {
  answerEarly(req, res, () => sendError(res, error), budget);
}
