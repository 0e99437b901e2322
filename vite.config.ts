// The dev server for the demo, the test pages and the benchmarks (`npm run demo`, `npm test`):
// it mounts imagespec/server as the demo's upload receiver. The library itself builds with
// vite.lib.config.ts (and vite.server.config.ts).
import { defineConfig } from 'vite';
import { uploadReceiver } from './demo/receiver-plugin.ts';

export default defineConfig({
  // imagespec/server (/api/uploads, /api/tus/, /api/files/, /api/presign) on the dev and preview servers.
  plugins: [uploadReceiver()],
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    // The test server must not reload pages under a running test when a file changes.
    ...(process.env.IMAGESPEC_TEST_SERVER ? { hmr: false, watch: null } : {}),
  },
  worker: { format: 'es' },
  // Pre-bundle dependencies at start-up: discovering them on a page's first load makes the dev
  // server reload that page, which breaks whatever was running in it.
  optimizeDeps: {
    entries: ['tests/pages/**/*.html', 'tests/bench/**/*.html', 'demo/**/*.html'],
    include: ['pica', 'comlink', 'idb'],
  },
});
