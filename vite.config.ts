// The dev server for the demo, the test pages and the benchmarks (`npm run demo`, `npm test`), and
// the demo's production build and its preview (`npm run demo:build`, `npm run demo:preview`): it
// mounts imagespec/server as the demo's upload receiver and sends the demo's strict headers. The
// library itself builds with vite.lib.config.ts, into dist/; the demo's build goes to dist-demo/.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { uploadReceiver } from './demo/receiver-plugin.ts';
import { demoSite } from './demo/site-plugin.ts';

const root = import.meta.dirname;
const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
  // demoSite first: its headers are set before the receiver answers (a stored file's stricter CSP wins).
  // imagespec/server (/api/uploads, /api/tus/, /api/files/, /api/presign) on the dev and preview servers.
  plugins: [demoSite(), uploadReceiver()],
  server: {
    port,
    strictPort: true,
    // The test server must not reload pages under a running test when a file changes.
    ...(process.env.IMAGESPEC_TEST_SERVER ? { hmr: false, watch: null } : {}),
  },
  preview: { port, strictPort: true },
  worker: { format: 'es' },
  build: {
    outDir: 'dist-demo',
    emptyOutDir: true,
    target: 'es2022',
    // Never inline a file as a data: URL: the demo's CSP allows images only from the site and blob:.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { index: resolve(root, 'index.html'), demo: resolve(root, 'demo/index.html') },
    },
  },
  // Pre-bundle dependencies at start-up: discovering them on a page's first load makes the dev
  // server reload that page, which breaks whatever was running in it.
  optimizeDeps: {
    entries: ['tests/pages/**/*.html', 'tests/bench/**/*.html', 'demo/**/*.html'],
    include: ['pica', 'comlink', 'idb'],
  },
});
