// A demo server of the test's own, as `npm run demo` (dev) or `npm run demo:preview` (the
// production build) start it, on a free port and an upload folder of the test's choosing: a test
// can then stop and start it again over the same folder, and begins with an empty gallery.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
const VITE = resolve(ROOT, 'node_modules/vite/bin/vite.js');

export interface DemoServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Builds the demo as `npm run demo:build` does, into `outDir` (a test's own, not dist-demo/, which another run may be building). */
export async function buildDemo(outDir: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [VITE, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    {
      cwd: ROOT,
    },
  );
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the demo server exited (${child.exitCode}):\n${output()}`);
    const answered = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the demo server did not answer ${url} within 60 s:\n${output()}`);
}

/** Starts the dev server (`mode: 'dev'`) or the preview of the build in `outDir`, storing uploads in `uploadDir`. */
export async function startDemoServer(
  options:
    | { mode: 'dev'; port: number; uploadDir: string }
    | { mode: 'preview'; port: number; uploadDir: string; outDir: string },
): Promise<DemoServer> {
  const args = [
    VITE,
    ...(options.mode === 'preview' ? ['preview', '--outDir', options.outDir] : []),
    '--port',
    String(options.port),
    '--strictPort',
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, IMAGESPEC_TEST_SERVER: '1', IMAGESPEC_UPLOAD_DIR: options.uploadDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://localhost:${options.port}`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await waitUntilServing(`${url}/demo/`, child, () => output);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
