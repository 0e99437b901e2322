// Starts imagespec/server for a browser test file: the receiver on a free port (a fresh temp
// folder, so each run reads its own ledger), and a Vite dev server for the test pages, on a free
// port too, whose /api/ requests go through the fault proxy to it. No fixed ports: two copies of
// one file (`--repeat-each`, two workers) or two helpers' runs can be up at once.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import {
  createReceiverServer,
  createS3Storage,
  type Receiver,
  type ReceiverLimits,
  type UploadRecord,
} from '../../server/index.ts';
import { createFaultProxy, type TestClock } from './fault-proxy.ts';
import { FaultInjector, type FaultRule, type LoggedRequest } from './upload-faults.ts';
import type { S3Settings } from './upload-s3.ts';

const root = join(import.meta.dirname, '..', '..');

/** One stored version, as the tests check it. */
export interface LedgerEntry {
  transport: UploadRecord['transport'];
  uploadId: string;
  version: string;
  key: string;
  bytes: number;
  sha256: string;
  type: string;
  sourceName: string;
}

export interface ReceiverServer {
  origin: string;
  dir: string;
  receiver: Receiver;
  /** Every stored version of every complete upload. */
  ledger(): Promise<LedgerEntry[]>;
  /** Keys of the files under files/ (disk storage). */
  storedFiles(): Promise<string[]>;
  /** SHA-256 of a stored object, read back through the storage. */
  sha256Of(key: string): Promise<string>;
  addFaults(rules: FaultRule[]): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  resetFaults(): Promise<void>;
  close(): Promise<void>;
}

export interface TestReceiverOptions {
  limits?: ReceiverLimits;
  /** Store in this S3-compatible server (enables presigned uploads). */
  s3?: S3Settings;
}

/** Flattens the ledger's complete records into one entry per stored version. */
export async function ledgerEntries(receiver: Receiver): Promise<LedgerEntry[]> {
  const records = await receiver.ledger.list({ state: 'complete' });
  return records.reverse().flatMap((record) =>
    Object.entries(record.versions).map(([version, { key, bytes, sha256, type }]) => ({
      transport: record.transport,
      uploadId: record.uploadId,
      version,
      key,
      bytes,
      sha256,
      type,
      sourceName: record.source.name,
    })),
  );
}

export async function sha256OfStored(receiver: Receiver, key: string): Promise<string> {
  const object = await receiver.storage.get(key);
  if (!object) throw new Error(`not stored: ${key}`);
  const hash = createHash('sha256');
  for await (const chunk of object.body as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

export interface PageServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  close(): Promise<void>;
}

/** A Vite dev server for the test pages, on a free port, whose /api/ requests go through `proxy`. */
export async function startPageServer(proxy: ReturnType<typeof createFaultProxy>): Promise<PageServer> {
  const server: ViteDevServer = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    // A cache folder of its own per Playwright worker: the main test server optimises
    // dependencies at the same time, and so may the page server of the file in the other worker.
    cacheDir: join(root, 'node_modules', `.vite-upload-tests-${process.env['TEST_PARALLEL_INDEX'] ?? 0}`),
    plugins: [{ name: 'fault-proxy', configureServer: (vite) => void vite.middlewares.use(proxy) }],
    // No watcher, no HMR: files edited while a test runs must not reload its page.
    server: { port: 0, host: '127.0.0.1', hmr: false, watch: null },
    worker: { format: 'es' },
    // Pre-bundled up front, so that a late discovery never reloads the page in mid-test.
    optimizeDeps: {
      entries: ['tests/pages/upload-harness.html'],
      include: ['idb', 'tus-js-client', 'comlink', 'pica'],
    },
  });
  await server.listen();
  const { port } = server.httpServer!.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

export async function startReceiver(options: TestReceiverOptions = {}): Promise<ReceiverServer> {
  const dir = await mkdtemp(join(tmpdir(), 'imagespec-uploads-'));
  const clock: TestClock = { skew: 0 };
  const { server: receiverServer, receiver } = createReceiverServer({
    dir,
    authorize: () => 'tester',
    now: () => Date.now() + clock.skew,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.s3
      ? {
          storage: createS3Storage({
            endpoint: options.s3.endpoint,
            bucket: options.s3.bucket,
            region: options.s3.region,
            credentials: { accessKeyId: options.s3.accessKeyId, secretAccessKey: options.s3.secretAccessKey },
          }),
        }
      : {}),
  });
  await new Promise<void>((resolve) => receiverServer.listen(0, '127.0.0.1', resolve));
  const upstream = `http://127.0.0.1:${(receiverServer.address() as AddressInfo).port}`;
  const faults = new FaultInjector();
  const pages = await startPageServer(createFaultProxy({ upstream: () => upstream, faults, clock }));
  return {
    origin: pages.origin,
    dir,
    receiver,
    ledger: () => ledgerEntries(receiver),
    storedFiles: async () => (await readdir(join(dir, 'files')).catch(() => [])).map((name) => `files/${name}`),
    sha256Of: (key) => sha256OfStored(receiver, key),
    addFaults: async (rules) => faults.add(rules),
    requests: async () => faults.requests(),
    resetFaults: async () => faults.reset(),
    close: async () => {
      await pages.close();
      receiverServer.closeAllConnections();
      await new Promise((resolve) => receiverServer.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
