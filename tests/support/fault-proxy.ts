// The faults of the upload tests, done by a proxy between the page and the receiver: Playwright's
// request interception misses requests made from workers, and the receiver itself stays the
// production code. Mounted as Connect middleware on the test's Vite server for /api/, it forwards
// each request to the receiver's own port, or fails it as the next fault says.
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Fault, FaultInjector, FaultRoute } from './upload-faults.ts';

/** The receiver's clock offset, which the `expired-url` fault moves two hours back. */
export interface TestClock {
  skew: number;
}

export interface FaultProxyOptions {
  /** The receiver's origin, or null while it is down (answered 502, like a load balancer). */
  upstream(): string | null;
  faults: FaultInjector;
  clock: TestClock;
}

function routeOf(req: IncomingMessage): FaultRoute | 'other' {
  const path = (req.url ?? '').split('?')[0]!;
  if (path === '/api/uploads' && req.method === 'POST') return 'uploads';
  if (path.startsWith('/api/tus'))
    return req.method === 'PATCH' ? 'tus-patch' : req.method === 'POST' ? 'tus-post' : 'other';
  if (path === '/api/presign') return 'presign';
  if (path === '/api/presign/complete') return 'complete';
  return 'other';
}

function answer(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>): void {
  const body = JSON.stringify({ error: 'INJECTED', message: `injected fault: ${status}` });
  req.resume();
  req.once('end', () => {
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  });
}

/** Changes a receipt the way the fault says (JSON body of a multipart or complete answer). */
function spoilReceipt(text: string, change: Extract<Fault, { kind: 'bad-receipt' }>['change']): string {
  const receipt = JSON.parse(text) as { versions: Record<string, { sha256: string }> };
  const names = Object.keys(receipt.versions);
  if (change === 'drop-version') delete receipt.versions[names[0]!];
  else if (change === 'wrong-sha256') receipt.versions[names[0]!]!.sha256 = '0'.repeat(64);
  else return '{}';
  return JSON.stringify(receipt);
}

function forward(req: IncomingMessage, res: ServerResponse, origin: string, fault: Fault | null): void {
  const upstream = request(`${origin}${req.url}`, { method: req.method, headers: req.headers, agent: false });
  const cutClient = () => res.socket?.destroy();
  // A cut on purpose ends the receiver's side first: that is no reason to answer the client.
  let cutting = false;
  upstream.on('error', () => {
    if (cutting) return;
    if (!res.headersSent) res.writeHead(502, { 'Content-Length': 0 }).end();
    else cutClient();
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.on('response', (answer) => {
    answer.on('error', cutClient);
    if (fault?.kind === 'drop-response') {
      // Stored and answered: the answer is read, then lost.
      answer.resume();
      answer.on('end', cutClient);
      return;
    }
    if (fault?.kind === 'bad-receipt') {
      const headers = { ...answer.headers };
      const tusReceipt = headers['upload-receipt'];
      if (typeof tusReceipt === 'string') {
        // tus: one version's receipt in a header; a dropped version is a missing header.
        delete headers['upload-receipt'];
        if (fault.change === 'wrong-sha256')
          headers['upload-receipt'] = JSON.stringify({ ...JSON.parse(tusReceipt), sha256: '0'.repeat(64) });
        res.writeHead(answer.statusCode ?? 502, headers);
        return void answer.pipe(res);
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const text =
          (answer.statusCode ?? 0) < 300
            ? spoilReceipt(Buffer.concat(chunks).toString(), fault.change)
            : Buffer.concat(chunks).toString();
        delete headers['transfer-encoding'];
        res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
        res.end(text);
      });
      return;
    }
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  if (fault?.kind !== 'cut') return void req.pipe(upstream);
  // Forward exactly `afterBytes` and let the receiver read them; then its connection goes, and
  // only after that the client's (a browser may replay the request at once: it must come after).
  let sent = 0;
  req.on('data', (chunk: Buffer) => {
    if (sent >= fault.afterBytes) return;
    const part = chunk.subarray(0, fault.afterBytes - sent);
    sent += part.length;
    if (sent < fault.afterBytes) return void upstream.write(part);
    req.pause();
    upstream.write(part, () =>
      setTimeout(() => {
        cutting = true;
        upstream.destroy();
        setTimeout(cutClient, 50);
      }, 100),
    );
  });
  req.on('end', () => upstream.end());
}

export function createFaultProxy(options: FaultProxyOptions) {
  // Chromium resends at once a request cut on a reused connection before any answer, and the
  // receiver may take the resend whole: the cut would never reach the uploader. tus-js-client
  // itself never sends a PATCH again without asking the offset first (HEAD), so a PATCH to a cut
  // upload's URL from the same offset, with no request to that URL between, is the browser's
  // resend: it is cut too (a link down for a moment), without using up a rule.
  const cutPatches = new Map<string, { offset: unknown; fault: Fault }>();
  const resentPatch = (req: IncomingMessage, route: FaultRoute | 'other'): Fault | null => {
    const cut = cutPatches.get(req.url ?? '');
    cutPatches.delete(req.url ?? '');
    return route === 'tus-patch' && cut && cut.offset === req.headers['upload-offset'] ? cut.fault : null;
  };
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (!(req.url ?? '').startsWith('/api/')) return next();
    const route = routeOf(req);
    const fault = resentPatch(req, route) ?? options.faults.take(route);
    if (route === 'tus-patch' && fault?.kind === 'cut')
      cutPatches.set(req.url ?? '', { offset: req.headers['upload-offset'], fault });
    const offset = req.headers['upload-offset'];
    const key = req.headers['idempotency-key'];
    options.faults.log({
      route,
      method: req.method ?? '',
      url: req.url ?? '',
      at: Date.now(),
      idempotencyKey: typeof key === 'string' ? key : null,
      fault: fault?.kind ?? null,
      ...(typeof offset === 'string' ? { uploadOffset: Number(offset) } : {}),
    });
    if (fault?.kind === 'status') {
      const tus = route.startsWith('tus') ? { 'Tus-Resumable': '1.0.0' } : {};
      const retryAfter = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
      return answer(req, res, fault.status, { ...tus, ...retryAfter });
    }
    if (fault?.kind === 'hang') return void req.resume();
    const origin = options.upstream();
    if (!origin) return answer(req, res, 502, {});
    if (fault?.kind === 'expired-url') {
      options.clock.skew = -2 * 3600_000;
      res.once('close', () => (options.clock.skew = 0));
    }
    forward(req, res, origin, fault);
  };
}
