// The build of `imagespec/server` (dist/server.js): Node code, built apart from the browser
// library so that nothing of it goes through the browser build, and with every dependency left
// to the consumer's node_modules.
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  build: {
    outDir: 'dist',
    // The library build ran first into the same folder.
    emptyOutDir: false,
    target: 'node20',
    sourcemap: true,
    ssr: true,
    lib: {
      entry: { server: resolve(root, 'server/index.ts') },
      formats: ['es'],
    },
    rollupOptions: {
      // Bare imports (busboy, @tus/server, the AWS SDK, better-sqlite3) and Node's own modules stay imports.
      external: (id) => builtinModules.includes(id.replace(/^node:/, '')) || !/^[./]|^[A-Za-z]:/.test(id),
    },
  },
});
