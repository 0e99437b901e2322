// The consumer's site (tests/consumer) on the built library, served with a strict
// Content-Security-Policy on every response, workers included: what a careful site runs.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; img-src 'self' blob: data:";
export const STRICT_PAGE = '/check/csp.html';

/**
 * The library built once per test run (each engine's spec file runs in its own worker, all
 * children of one runner process), in a folder named after the runner; older runs' are removed.
 */
async function builtLibrary(): Promise<string> {
  const prefix = 'imagespec-cross-browser-dist-';
  const outDir = join(tmpdir(), `${prefix}${process.ppid}`);
  if (existsSync(join(outDir, '.complete'))) return outDir;
  for (const name of readdirSync(tmpdir())) {
    const old = join(tmpdir(), name);
    if (name.startsWith(prefix) && old !== outDir && Date.now() - statSync(old).mtimeMs > 3_600_000)
      rmSync(old, { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.lib.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  writeFileSync(join(outDir, '.complete'), '');
  return outDir;
}

/** Serves the consumer's app, the built library and the problem recorder, all under the strict CSP. */
export async function startStrictSite(): Promise<StaticServer> {
  return startStaticServer(
    {
      '/vendor/imagespec/': await builtLibrary(),
      '/app/': join(ROOT, 'tests/consumer'),
      '/check/': join(ROOT, 'tests/cross-browser/pages'),
    },
    { 'Content-Security-Policy': STRICT_CSP },
  );
}
