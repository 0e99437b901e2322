// The receiver's own timeouts, whatever server it is mounted on: a body that stops moving, a
// request that takes too long in all, and a client that leaves. Each aborts the request's signal,
// which releases its key's lock and stops its parser.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ReceiverError } from '../errors.ts';
import { sendError } from './answers.ts';

export interface RequestGuard {
  /** Aborts when the client leaves or a timeout closes the request; the reason says which. */
  readonly signal: AbortSignal;
  /** The body was read to its end: from now on only the total deadline applies. */
  bodyDone(): void;
  /** Stops every timer; call when the answer is sent. */
  dispose(): void;
}

export interface GuardLimits {
  idleTimeoutMs: number;
  requestTimeoutMs: number;
}

/** The reason a guard's signal carries when the client went away. */
export const CLIENT_GONE = 'client gone';

export function guardRequest(req: IncomingMessage, res: ServerResponse, limits: GuardLimits): RequestGuard {
  const controller = new AbortController();
  const timeout = (message: string) => {
    if (controller.signal.aborted) return;
    const error = new ReceiverError(408, 'TIMEOUT', message, { Connection: 'close' });
    controller.abort(error);
    sendError(res, error);
    // Destroy once the answer is out (or at once, when there is none to wait for).
    if (res.writableFinished || !res.headersSent) req.socket?.destroy();
    else res.once('finish', () => req.socket?.destroy());
  };
  const onIdle = () => timeout(`timed out: no byte of the body arrived for ${limits.idleTimeoutMs} ms`);
  req.setTimeout(limits.idleTimeoutMs, onIdle);
  const deadline = setTimeout(
    () => timeout(`timed out: the request took over ${limits.requestTimeoutMs} ms`),
    limits.requestTimeoutMs,
  );
  deadline.unref();
  const onClose = () => {
    if (!res.writableFinished && !controller.signal.aborted) controller.abort(CLIENT_GONE);
  };
  res.once('close', onClose);
  let idleOff = false;
  const stopIdle = () => {
    if (idleOff) return;
    idleOff = true;
    req.off('timeout', onIdle);
    req.socket?.setTimeout(0);
  };
  return {
    signal: controller.signal,
    bodyDone: stopIdle,
    dispose() {
      stopIdle();
      clearTimeout(deadline);
      res.off('close', onClose);
    },
  };
}
