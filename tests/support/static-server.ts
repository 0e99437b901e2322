// A plain static server for the consumer tests: serves folders under URL prefixes, with the
// headers a strict site would send, and nothing else (no dev-server magic).
import { createReadStream, statSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  origin: string;
  /** Bytes served at a path, for test inputs. */
  put(path: string, body: Buffer): void;
  close(): Promise<void>;
}

/**
 * Serves `mounts` (URL prefix -> folder) with `headers` on every answer. `routes` (URL prefix ->
 * handler) answer first: a test endpoint, a proxy to another local server.
 */
export async function startStaticServer(
  mounts: Record<string, string>,
  headers: Record<string, string>,
  routes: Record<string, RequestListener> = {},
): Promise<StaticServer> {
  const extra = new Map<string, Buffer>();
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const route = Object.keys(routes).find((prefix) => path.startsWith(prefix));
    if (route) return void routes[route]!(request, response);
    const body = extra.get(path);
    if (body) {
      response.setHeader('Content-Type', 'application/octet-stream');
      response.end(body);
      return;
    }
    for (const [prefix, folder] of Object.entries(mounts)) {
      if (!path.startsWith(prefix)) continue;
      const root = resolve(folder);
      const file = normalize(join(root, path.slice(prefix.length)));
      if (!file.startsWith(root)) break;
      try {
        if (!statSync(file).isFile()) break;
      } catch {
        break;
      }
      response.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      createReadStream(file).pipe(response);
      return;
    }
    response.statusCode = 404;
    response.end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    put: (path, body) => extra.set(path, body),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
