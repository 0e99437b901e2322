// The library build (`npm run build`): dist/ as users install it. Apart from the dev server's
// config on purpose, so that nothing of the demo can reach the published files.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  // Relative base: the library's worker chunks are then found next to the module that
  // loads them, wherever a consumer serves dist/ (an absolute '/assets/...' would 404).
  base: './',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        imagespec: resolve(root, 'src/index.ts'),
        wire: resolve(root, 'src/wire.ts'),
        widget: resolve(root, 'src/widget.ts'),
        worker: resolve(root, 'workers/index.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      output: { assetFileNames: 'assets/[name]-[hash][extname]' },
    },
  },
});
