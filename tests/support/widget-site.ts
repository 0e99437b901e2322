// A site using the built widget as users install it: dist/ built now, served from a sub-path
// under a strict Content-Security-Policy, next to the test pages in tests/widget/. The demo
// receiver answers /api/ (proxied, so the page's uploads stay same-origin under `default-src
// 'self'`), and /form-endpoint takes a plain multipart form post, recording what arrived.
import busboy from 'busboy';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request as httpRequest, type RequestListener } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { build } from 'vite';
import { startStaticServer, type StaticServer } from './static-server.ts';
import { startReceiver, type ReceiverServer } from './upload-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** What a site with a strict policy sends: no inline script or style, images only from itself, blob: and data:. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' blob: data:";

/** One file part of a form post, as the endpoint read it. */
export interface ReceivedFile {
  field: string;
  filename: string;
  type: string;
  bytes: Buffer;
  /** Decoded by sharp; null when it is not an image. */
  width: number | null;
  height: number | null;
}

export interface WidgetSite {
  origin: string;
  receiver: ReceiverServer;
  /** Every form post to /form-endpoint, in order. */
  posts: ReceivedFile[][];
  /** Serves bytes at a path of the site (same origin, under the policy). */
  put(path: string, body: Buffer): void;
  close(): Promise<void>;
}

/** Builds the library and starts the site and its receiver, each on a free port (see upload-server.ts). */
export async function startWidgetSite(): Promise<WidgetSite> {
  const outDir = mkdtempSync(join(tmpdir(), 'imagespec-widget-dist-'));
  // The library's two builds, as `npm run build` runs them (the page's entries, then the worker's).
  for (const mode of ['production', 'worker']) {
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.lib.config.ts'),
      mode,
      logLevel: 'warn',
      build: { outDir },
    });
  }
  const receiver = await startReceiver();
  const posts: ReceivedFile[][] = [];
  let server: StaticServer;
  try {
    server = await startStaticServer(
      { '/vendor/imagespec/': outDir, '/app/': join(ROOT, 'tests/widget') },
      { 'Content-Security-Policy': STRICT_CSP },
      { '/api/': proxyTo(receiver.origin), '/form-endpoint': receiveForm(posts) },
    );
  } catch (error) {
    await receiver.close();
    throw error;
  }
  return {
    origin: server.origin,
    receiver,
    posts,
    put: (path, body) => server.put(path, body),
    close: async () => {
      await server.close();
      // A request cut short by the closing browser may still be writing a file into the folder
      // the receiver removes: remove it again, with retries, once the writes have stopped.
      await receiver.close().catch(() => rm(receiver.dir, { recursive: true, force: true, maxRetries: 5 }));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

function proxyTo(origin: string): RequestListener {
  return (request, response) => {
    const upstream = httpRequest(
      `${origin}${request.url ?? '/'}`,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    // A fault that cuts the receiver's connection cuts the browser's too.
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  };
}

function receiveForm(posts: ReceivedFile[][]): RequestListener {
  return (request, response) => {
    const files: Array<Promise<ReceivedFile>> = [];
    const parser = busboy({ headers: request.headers });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      files.push(
        new Promise((done) =>
          stream.on('end', () => {
            const bytes = Buffer.concat(chunks);
            void sharp(bytes)
              .metadata()
              .then(
                ({ width, height }) => ({ width: width ?? null, height: height ?? null }),
                () => ({ width: null, height: null }),
              )
              .then((size) => done({ field, filename: info.filename ?? '', type: info.mimeType, bytes, ...size }));
          }),
        ),
      );
    });
    parser.on('close', () => {
      void Promise.all(files).then((received) => {
        posts.push(received);
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.end(
          `<!doctype html><html lang="en"><title>Received</title><h1>Received ${received.length} files</h1></html>`,
        );
      });
    });
    request.pipe(parser);
  };
}
