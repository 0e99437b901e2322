// The build of `imagespec/server` (dist/server.js): Node code, built apart from the browser
// library so that nothing of it goes through the browser build. Its one small dependency
// (busboy, the multipart parser) is bundled, as the browser build bundles its own, so installing
// imagespec adds no package; the optional peer dependencies of package.json (tus, the AWS SDK,
// better-sqlite3) stay imports, loaded only by the routes and stores that use them.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const { peerDependencies } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
};
const peers = Object.keys(peerDependencies);

export default defineConfig({
  build: {
    outDir: 'dist',
    // The library builds ran first into the same folder (and wrote dist/server.d.ts).
    emptyOutDir: false,
    target: 'node20',
    sourcemap: true,
    ssr: true,
    lib: {
      entry: { server: resolve(root, 'server/index.ts') },
      formats: ['es'],
    },
    rolldownOptions: {
      external: (id) =>
        builtinModules.includes(id.replace(/^node:/, '')) ||
        peers.some((peer) => id === peer || id.startsWith(`${peer}/`)),
    },
  },
  // SSR builds leave every package external unless told otherwise.
  ssr: { noExternal: true },
});
