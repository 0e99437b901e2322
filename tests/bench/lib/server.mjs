// Serves the bench pages with the repo's own Vite config, on a port of its own (the tests and
// other tools use 5173, 5300-5301 and 5500-5599), plus the photos (see photosPlugin).
import { createReadStream, existsSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { basename, resolve } from 'node:path';
import { createServer } from 'vite';

export const BENCH_PAGE = '/tests/bench/pages/bench.html';

function isFree(port) {
  return new Promise((resolvePort) => {
    const probe = createNetServer()
      .once('error', () => resolvePort(false))
      .once('listening', () => probe.close(() => resolvePort(true)))
      .listen(port, '127.0.0.1');
  });
}

/** The first free port from `first` on, staying below 5500. */
async function freePort(first) {
  for (let port = first; port < 5500; port++) if (await isFree(port)) return port;
  throw new Error(`no free port between ${first} and 5499`);
}

/** Streams `<prefix><name>` from `folder` (names only: no path escapes). */
function servePhotos(server, prefix, folder) {
  server.middlewares.use(prefix, (request, response, next) => {
    const name = basename(decodeURIComponent((request.url ?? '').split('?')[0]));
    const path = resolve(folder, name);
    if (!name || !existsSync(path)) return next();
    response.setHeader('content-type', 'application/octet-stream');
    createReadStream(path).pipe(response);
  });
}

/** The fixtures under /__bench/fixtures/ and the generated photos under /__bench/corpus/. */
function photosPlugin(fixturesDir, corpusDir) {
  return {
    name: 'imagespec-bench-photos',
    configureServer(server) {
      servePhotos(server, '/__bench/fixtures/', fixturesDir);
      if (corpusDir) servePhotos(server, '/__bench/corpus/', corpusDir);
    },
  };
}

/** Starts Vite programmatically; returns the server and its base URL. */
export async function startBenchServer({ repoRoot, fixturesDir, corpusDir, port: firstPort }) {
  const port = await freePort(firstPort);
  const server = await createServer({
    configFile: resolve(repoRoot, 'vite.config.ts'),
    root: repoRoot,
    logLevel: 'warn',
    // Its own dependency cache: the tests' dev servers optimise into node_modules/.vite at the same time.
    cacheDir: resolve(repoRoot, 'node_modules/.vite-bench'),
    // Other engineers edit the tree while the bench runs: no watcher, no hot reload mid-measurement.
    server: { port, strictPort: true, host: '127.0.0.1', hmr: false, watch: null },
    // Declared up front so that Vite never discovers a dependency mid-run and reloads the page.
    optimizeDeps: {
      entries: [BENCH_PAGE.slice(1)],
      include: ['comlink', 'pica', 'compressorjs', 'browser-image-compression', 'image-blob-reduce'],
    },
    plugins: [photosPlugin(fixturesDir, corpusDir)],
  });
  await server.listen();
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}
