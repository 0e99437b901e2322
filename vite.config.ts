import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { uploadReceiver } from './demo/server/plugin.ts';

const root = import.meta.dirname;

export default defineConfig({
  // Relative base: the library's worker chunks are then found next to the module that
  // loads them, wherever a consumer serves dist/ (an absolute '/assets/...' would 404).
  base: './',
  // The demo's upload receiver (/api/uploads, /api/tus/, /api/presign) on the dev and preview servers.
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
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        imagespec: resolve(root, 'src/index.ts'),
        worker: resolve(root, 'workers/index.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      output: { assetFileNames: 'assets/[name]-[hash][extname]' },
    },
  },
});
