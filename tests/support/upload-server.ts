// Starts the demo receiver for a test file: a Vite dev server on its own port with the upload
// plugin, fault injection on and a fresh temp folder, so each run reads its own ledger.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import type { FaultRule, LoggedRequest } from '../../demo/server/faults.ts';
import { readLedger, type LedgerEntry } from '../../demo/server/ledger.ts';
import { uploadReceiver, type ReceiverOptions } from '../../demo/server/plugin.ts';

const root = join(import.meta.dirname, '..', '..');

export interface ReceiverServer {
  origin: string;
  dir: string;
  ledger(): Promise<LedgerEntry[]>;
  /** Names of the files under files/, relative to the storage folder. */
  storedFiles(): Promise<string[]>;
  /** SHA-256 of a stored file, read back from disk. */
  sha256Of(key: string): Promise<string>;
  addFaults(rules: FaultRule[]): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  resetFaults(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(
  port: number,
  options: Omit<ReceiverOptions, 'dir' | 'faults'> = {},
): Promise<ReceiverServer> {
  const dir = await mkdtemp(join(tmpdir(), 'imagespec-uploads-'));
  const server: ViteDevServer = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    // Its own cache folder: the main test server optimises dependencies at the same time.
    cacheDir: join(root, 'node_modules', '.vite-upload-tests'),
    plugins: [uploadReceiver({ ...options, dir, faults: true })],
    // No watcher, no HMR: files edited while a test runs must not reload its page.
    server: { port, strictPort: true, host: '127.0.0.1', hmr: false, watch: null },
    worker: { format: 'es' },
    // Pre-bundled up front, so that a late discovery never reloads the page in mid-test.
    optimizeDeps: {
      entries: ['tests/pages/upload-harness.html'],
      include: ['idb', 'tus-js-client', 'comlink', 'pica'],
    },
  });
  await server.listen();
  const origin = `http://127.0.0.1:${port}`;
  const control = (method: string, body?: unknown) =>
    fetch(`${origin}/api/__faults`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
  return {
    origin,
    dir,
    ledger: () => readLedger(dir),
    storedFiles: async () => (await readdir(join(dir, 'files')).catch(() => [])).map((name) => `files/${name}`),
    sha256Of: async (key) =>
      createHash('sha256')
        .update(await readFile(join(dir, key)))
        .digest('hex'),
    addFaults: async (rules) => void (await control('POST', { rules })),
    requests: async () => ((await (await control('GET')).json()) as { requests: LoggedRequest[] }).requests,
    resetFaults: async () => void (await control('DELETE')),
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
