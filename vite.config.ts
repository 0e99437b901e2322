import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  // Relative base: the library's worker chunks are then found next to the module that
  // loads them, wherever a consumer serves dist/ (an absolute '/assets/...' would 404).
  base: './',
  server: { port: Number(process.env.PORT ?? 5173), strictPort: true },
  worker: { format: 'es' },
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
