// A node:http server around the receiver, with the limits only a server can set: how long the
// request head may take, how large it may be, how many connections it holds.
import { createServer, type Server } from 'node:http';
import { createReceiver, type Receiver } from './receiver.ts';
import type { ReceiverOptions } from './options.ts';

export interface ReceiverServerOptions {
  /** The request line and headers must arrive within this many milliseconds (slowloris). @default 10_000 */
  headersTimeoutMs?: number;
  /** Bytes of the request line and headers. @default 16 KiB */
  maxHeaderBytes?: number;
  /** Connections open at once; more are refused at accept. @default 256 */
  maxConnections?: number;
  /** Idle keep-alive connections are closed after this many milliseconds. @default 5_000 */
  keepAliveTimeoutMs?: number;
}

export interface ReceiverServer {
  server: Server;
  receiver: Receiver;
}

/**
 * A node:http server that answers every request with the receiver (404 for other paths).
 *
 * @example
 * const { server } = createReceiverServer({ dir: '/var/lib/uploads' });
 * server.listen(8080);
 */
export function createReceiverServer(
  options: ReceiverOptions,
  serverOptions: ReceiverServerOptions = {},
): ReceiverServer {
  const receiver = createReceiver(options);
  const server = createServer(
    {
      headersTimeout: serverOptions.headersTimeoutMs ?? 10_000,
      maxHeaderSize: serverOptions.maxHeaderBytes ?? 16 * 1024,
      keepAliveTimeout: serverOptions.keepAliveTimeoutMs ?? 5_000,
      // The receiver keeps its own body timeouts (idle and total); Node's would cut a slow upload
      // without a typed answer.
      requestTimeout: 0,
    },
    (req, res) => receiver(req, res),
  );
  server.maxConnections = serverOptions.maxConnections ?? 256;
  server.on('close', () => void receiver.close());
  // A client that sends garbage before a request line: answer 400 and close, never throw.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return { server, receiver };
}
