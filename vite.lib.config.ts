// The library build (`npm run build`): dist/ as users install it. Apart from the dev server's
// config on purpose, so that nothing of the demo can reach the published files.
//
// Two builds, one per thread, because a consumer's dev server bundles each entry it meets on its
// own (Vite's dependency optimizer). Files of one build share chunks; the two builds share none.
// Were the page and the worker entries to share a chunk, Vite 8's optimizer would split it anew
// once it discovers `imagespec/worker` in the site's worker, and Vite reloads the page whenever
// an already-served dependency's imports change: the work in flight would be lost. (Vite 5 to 7
// reload for any served dependency with imports; the README gives their one setting.)
//
//   vite build -c vite.lib.config.ts               the page's entries (PAGE_ENTRIES)
//   vite build -c vite.lib.config.ts --mode worker the worker's entries, then the .d.ts rollups
//
// A new entry is one line in PAGE_ENTRIES or WORKER_ENTRIES plus its `exports` line in
// package.json: `dist/<name>.js`, typed by `dist/<name>.d.ts`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const root = import.meta.dirname;

/** Main-thread entries: name in dist/ -> source. */
const PAGE_ENTRIES: Record<string, string> = {
  imagespec: 'src/index.ts',
  wire: 'src/wire.ts',
  widget: 'src/widget.ts',
};

/** Worker-thread entries: name in dist/ -> source. */
const WORKER_ENTRIES: Record<string, string> = {
  worker: 'workers/index.ts',
  // The built-in worker. Its folder is named after the package on purpose, see DEFAULT_WORKER_URL.
  'imagespec/default-worker': 'workers/default-worker.ts',
};

/** Entries users import, so with a `.d.ts`: every entry but the built-in worker. */
const TYPED_ENTRIES = Object.entries({ ...PAGE_ENTRIES, ...WORKER_ENTRIES }).filter(
  ([name]) => name !== 'imagespec/default-worker',
);

/**
 * How the page finds the built-in worker in dist/imagespec.js: a specifier that means the same
 * file read either way. As a URL relative to dist/imagespec.js it is
 * dist/imagespec/default-worker.js (a page without a bundler, webpack, Vite's build, Vite 8's
 * dependency optimizer, which rewrites relative URLs). As a package path it is the
 * `./default-worker.js` export, which is how Vite 5 to 7 resolve it after their optimizer has
 * moved imagespec.js to node_modules/.vite/deps/, where no relative URL can reach it.
 */
const DEFAULT_WORKER_URL = 'imagespec/default-worker.js';

/** The module that starts the built-in worker. */
const POOL_MODULE = '/src/pool/worker-pool.ts';

/**
 * The pool's `new URL('../../workers/default-worker.ts', import.meta.url)` becomes
 * `new URL("imagespec/default-worker.js", import.meta.url)` in the output, left for the
 * consumer's bundler to find (rather than Vite bundling the worker into this build's assets).
 */
function defaultWorkerUrl(): Plugin {
  const placeholder = '__IMAGESPEC_DEFAULT_WORKER_URL__';
  return {
    name: 'imagespec:default-worker-url',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith(POOL_MODULE)) return null;
      const source = "new URL('../../workers/default-worker.ts', import.meta.url)";
      if (!code.includes(source)) this.error(`the pool no longer creates its worker from ${source}`);
      return { code: code.replace(source, placeholder), map: null };
    },
    renderChunk(code, chunk) {
      if (!code.includes(placeholder)) return null;
      if (chunk.fileName.includes('/'))
        this.error(`${chunk.fileName} starts the built-in worker: it must sit in dist/`);
      return {
        code: code.replace(placeholder, `new URL(${JSON.stringify(DEFAULT_WORKER_URL)}, import.meta.url)`),
        map: null,
      };
    },
  };
}

/** One `.d.ts` per typed entry (dist/<name>.d.ts): tsc's declarations rolled up by API Extractor. */
function declarationRollups(): Plugin {
  return {
    name: 'imagespec:declarations',
    // For the package's dist/ only: a build elsewhere (the widget tests' site) needs only the JS.
    apply: (config, { command }) =>
      command === 'build' && resolve(root, config.build?.outDir ?? 'dist') === resolve(root, 'dist'),
    closeBundle() {
      // tsc's output goes to a temporary folder outside node_modules: API Extractor treats
      // whatever lies in node_modules as another package and would not inline it.
      const declarations = mkdtempSync(join(tmpdir(), 'imagespec-declarations-'));
      execFileSync(
        process.execPath,
        [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', declarations],
        {
          cwd: root,
          stdio: 'inherit',
        },
      );
      for (const [name, source] of TYPED_ENTRIES) {
        const config = ExtractorConfig.prepare({
          configObject: {
            projectFolder: root,
            mainEntryPointFilePath: resolve(declarations, source.replace(/\.ts$/, '.d.ts')),
            compiler: { tsconfigFilePath: resolve(root, 'tsconfig.build.json') },
            dtsRollup: { enabled: true, untrimmedFilePath: resolve(root, `dist/${name}.d.ts`) },
            apiReport: { enabled: false },
            docModel: { enabled: false },
            tsdocMetadata: { enabled: false },
            // The rollup is the product here; release tags and API reports are not used.
            messages: {
              extractorMessageReporting: {
                default: { logLevel: ExtractorLogLevel.Warning },
                'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
                'ae-forgotten-export': { logLevel: ExtractorLogLevel.None },
              },
            },
          },
          configObjectFullPath: undefined,
          packageJsonFullPath: resolve(root, 'package.json'),
        });
        const result = Extractor.invoke(config, { localBuild: true });
        if (!result.succeeded) this.error(`declarations for ${name}: ${result.errorCount} error(s)`);
      }
      rmSync(declarations, { recursive: true, force: true });
    },
  };
}

/** What both builds share. */
function library(entries: Record<string, string>, emptyOutDir: boolean): UserConfig {
  return {
    // Relative base: chunks are found next to the module that loads them, wherever dist/ is served.
    base: './',
    build: {
      outDir: 'dist',
      emptyOutDir,
      target: 'es2022',
      // Maps ship beside the files they describe, with their sources inlined, so every
      // `sourceMappingURL` in dist/ resolves (tests/package.spec.ts checks it).
      sourcemap: true,
      minify: true,
      lib: {
        entry: Object.fromEntries(Object.entries(entries).map(([name, source]) => [name, resolve(root, source)])),
        formats: ['es'],
      },
      rolldownOptions: {
        output: {
          // The chunk that starts the built-in worker sits beside the entries, where the relative
          // DEFAULT_WORKER_URL names dist/imagespec/default-worker.js: imagespec.js and widget.js
          // share the pool through such a chunk. Other shared chunks go to chunks/.
          chunkFileNames: (chunk) =>
            chunk.moduleIds.some((id) => id.endsWith(POOL_MODULE)) ? '[name]-[hash].js' : 'chunks/[name]-[hash].js',
        },
      },
    },
  };
}

export default defineConfig(({ mode }) =>
  mode === 'worker'
    ? { ...library(WORKER_ENTRIES, false), plugins: [declarationRollups()] }
    : { ...library(PAGE_ENTRIES, true), plugins: [defaultWorkerUrl()] },
);
