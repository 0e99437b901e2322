// HTTP requests written byte by byte on a raw socket, for what no HTTP client would send: bodies
// cut at a given byte, sent a byte at a time, longer than they say, or garbage.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawOutcome {
  /** Null when the connection closed without a (complete) answer. */
  response: RawResponse | null;
  /** Body bytes written when the answer arrived (or when it all ended). */
  writtenAtAnswer: number;
  /** Body bytes written in all. */
  written: number;
  /** Milliseconds from the first byte sent to the answer. */
  ms: number;
}

export interface RawOptions {
  /** Bytes per write. @default the whole body at once */
  chunkBytes?: number;
  /** Pause between writes, in milliseconds. @default 0 */
  delayMs?: number;
  /** Destroy the connection after this many body bytes (the client leaves). */
  cutAfter?: number;
  /** Keep writing after the answer arrived (a browser does). @default false */
  writeAfterAnswer?: boolean;
  /** Give up after this long. @default 20 s */
  timeoutMs?: number;
  /** Called with the socket once connected (a test may destroy it itself). */
  onSocket?: (socket: Socket) => void;
}

/** Parses one HTTP/1.1 response from the bytes so far; null until its head and body are all in. */
export function parseResponse(data: Buffer): RawResponse | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (data.length < end + 4 + length) return null;
  return {
    status: Number(statusLine!.split(' ')[1]),
    headers,
    body: data.subarray(end + 4, end + 4 + length).toString('utf8'),
  };
}

/** Sends `head` (request line and headers, without the blank line) and `body` as `options` say. */
export function rawRequest(
  port: number,
  head: string,
  body: Buffer | null,
  options: RawOptions = {},
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let response: RawResponse | null = null;
    let written = 0;
    let writtenAtAnswer = -1;
    let done = false;
    const started = Date.now();
    let ms = 0;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ response, writtenAtAnswer: writtenAtAnswer < 0 ? written : writtenAtAnswer, written, ms });
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 20_000);
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.on('data', (chunk) => {
      received.push(chunk);
      if (response) return;
      response = parseResponse(Buffer.concat(received));
      if (!response) return;
      writtenAtAnswer = written;
      ms = Date.now() - started;
      if (!options.writeAfterAnswer) setTimeout(finish, 20);
    });
    socket.on('connect', () => {
      options.onSocket?.(socket);
      socket.write(`${head}\r\n\r\n`, 'latin1');
      if (!body) return;
      const size = options.chunkBytes ?? body.length;
      const pump = () => {
        if (done || socket.destroyed) return;
        if (response && !options.writeAfterAnswer) return;
        if (options.cutAfter !== undefined && written >= options.cutAfter) return void socket.destroy();
        if (written >= body.length) return;
        let end = Math.min(body.length, written + size);
        if (options.cutAfter !== undefined) end = Math.min(end, options.cutAfter);
        const chunk = body.subarray(written, end);
        written = end;
        socket.write(chunk, () => (options.delayMs ? setTimeout(pump, options.delayMs) : setImmediate(pump)));
      };
      pump();
    });
  });
}

/** The head of a multipart POST to the receiver. */
export function uploadHead(options: {
  key?: string;
  contentType: string;
  length?: number;
  user?: string;
  path?: string;
}): string {
  return [
    `POST ${options.path ?? '/api/uploads'} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Content-Type: ${options.contentType}`,
    options.length === undefined ? 'Transfer-Encoding: chunked' : `Content-Length: ${options.length}`,
    ...(options.key === undefined ? [] : [`Idempotency-Key: ${options.key}`]),
    ...(options.user === undefined ? [] : [`X-User: ${options.user}`]),
  ].join('\r\n');
}

/** A body in chunked transfer encoding: `size` bytes of `fill`, in chunks of `chunkBytes`, never ended. */
export function chunked(data: Buffer, chunkBytes = 64 * 1024): Buffer {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    const piece = data.subarray(offset, offset + chunkBytes);
    pieces.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  return Buffer.concat(pieces);
}

/** A request whose bytes the test writes itself, when it wants. */
export interface OpenRequest {
  socket: Socket;
  write(data: Buffer): Promise<void>;
  /** Resolves with the answer, or null when the connection closed without one. */
  response: Promise<RawResponse | null>;
}

export function openRequest(port: number, head: string): Promise<OpenRequest> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let settle: (response: RawResponse | null) => void = () => {};
    const response = new Promise<RawResponse | null>((resolveResponse) => (settle = resolveResponse));
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      received.push(chunk);
      const parsed = parseResponse(Buffer.concat(received));
      if (parsed) settle(parsed);
    });
    socket.on('close', () => settle(null));
    socket.on('connect', () => {
      socket.write(`${head}\r\n\r\n`, 'latin1');
      resolve({
        socket,
        response,
        write: (data) => new Promise((done) => (socket.destroyed ? done() : socket.write(data, () => done()))),
      });
    });
  });
}
