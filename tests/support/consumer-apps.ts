// The fixture apps of tests/consumers/, installed as a new user installs imagespec: from
// `npm pack` of this tree, into a temporary folder, with npm (its local cache first). The
// tarball is built once and every app installed once per content of the tree; the spec files
// that use them share that work through the folder, keyed by a hash of what goes into the package.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port.ts';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { lock } from 'proper-lockfile';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'tests/consumers');

/** What a site with a strict policy sends: no inline script, no eval, workers from itself only. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; img-src 'self' blob: data:";

/** The fixture apps; each is tests/consumers/<name>/ (a package.json and a config or a page). */
export type AppName = 'vite6' | 'vite8' | 'webpack' | 'no-bundler';

/** Apps that run the shared page of tests/consumers/app/ through their bundler. */
const BUNDLED: readonly AppName[] = ['vite6', 'vite8', 'webpack'];

/** Everything that goes into the package, so a change to any of it makes a new tarball. */
const PACKAGE_INPUTS = [
  'src',
  'workers',
  'server',
  'package.json',
  'LICENSE',
  'README.md',
  'vite.lib.config.ts',
  'vite.server.config.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfig.server.json',
];

function hashInputs(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
    } else {
      hash.update(relative(ROOT, path)).update(readFileSync(path));
    }
  };
  for (const input of PACKAGE_INPUTS) add(join(ROOT, input));
  add(FIXTURES);
  return hash.digest('hex').slice(0, 16);
}

/** Runs a command; rejects with its output when it fails. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done(output)
        : fail(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${output}`)),
    );
  });
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

export interface ConsumerWorkspace {
  /** The folder holding the tarball and one installed folder per app. */
  dir: string;
  tarball: string;
  /** The installed app's folder. */
  app(name: AppName): string;
}

let packed: Promise<{ dir: string; tarball: string }> | undefined;

/**
 * Packs the tree and installs the fixture apps asked for, every one by default (at once, sharing
 * npm's cache); reuses both when nothing that goes into them changed. Old workspaces of this port
 * are removed.
 */
export async function prepareConsumers(
  apps: readonly AppName[] = [...BUNDLED, 'no-bundler'],
): Promise<ConsumerWorkspace> {
  // Test files running at once (two Playwright workers) share the workspace: one packs and
  // installs while the other waits, then finds everything in place.
  mkdirSync(WORKSPACES, { recursive: true });
  const release = await lock(WORKSPACES, { retries: { retries: 1_000, minTimeout: 200, maxTimeout: 500 } });
  try {
    packed ??= pack();
    const { dir, tarball } = await packed;
    await Promise.all(apps.map((name) => install(dir, tarball, name)));
    return { dir, tarball, app: (name) => join(dir, name) };
  } finally {
    await release();
  }
}

/**
 * Runs `use` with the installed app at `app` to itself: a dev server (which empties its optimizer
 * cache), a build into its dist/ or files written into it must not meet another test doing the
 * same in the same app (the other worker's file, or the same file again under `--repeat-each`).
 */
export async function withApp<T>(app: string, use: () => Promise<T>): Promise<T> {
  const release = await lock(app, { retries: { retries: 1_000, minTimeout: 200, maxTimeout: 500 } });
  try {
    return await use();
  } finally {
    await release();
  }
}

/** Where the packed tree and its installed apps live, one folder per dev-server port. */
const WORKSPACES = join(tmpdir(), `imagespec-consumers-${process.env.PORT ?? '5173'}`);

async function pack(): Promise<{ dir: string; tarball: string }> {
  const dir = join(WORKSPACES, hashInputs());
  mkdirSync(dir, { recursive: true });
  for (const old of readdirSync(WORKSPACES))
    if (join(WORKSPACES, old) !== dir) rmSync(join(WORKSPACES, old), { recursive: true, force: true });

  const tarball = join(dir, 'imagespec.tgz');
  if (!existsSync(tarball)) {
    // `npm pack` runs the `prepack` script: the library build.
    await run('npm', ['pack', '--pack-destination', dir, ...NPM_QUIET], ROOT);
    const packed = readdirSync(dir).find((name) => /^imagespec-.*\.tgz$/.test(name));
    if (!packed) throw new Error(`npm pack left no tarball in ${dir}`);
    cpSync(join(dir, packed), tarball);
    rmSync(join(dir, packed));
  }
  return { dir, tarball };
}

async function install(dir: string, tarball: string, name: AppName): Promise<void> {
  const app = join(dir, name);
  const done = join(app, '.installed');
  if (existsSync(done)) return;
  rmSync(app, { recursive: true, force: true });
  if (BUNDLED.includes(name)) cpSync(join(FIXTURES, 'app'), app, { recursive: true });
  if (name === 'no-bundler') {
    mkdirSync(app);
    for (const shared of ['index.html', 'consumer.js', 'to-bw.js'])
      cpSync(join(FIXTURES, 'app', shared), join(app, shared));
  }
  cpSync(join(FIXTURES, name), app, { recursive: true });
  await run('npm', ['install', '--prefer-offline', ...NPM_QUIET, tarball], app);
  writeFileSync(done, new Date().toISOString());
}

export interface DevServer {
  origin: string;
  /** Everything the server printed so far. */
  log(): string;
  close(): Promise<void>;
}

/** Starts the app's own Vite dev server from a cold start: its optimizer cache emptied first. */
export async function startViteDev(app: string): Promise<DevServer> {
  rmSync(join(app, 'node_modules/.vite'), { recursive: true, force: true });
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(app, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: app, env: { ...process.env, CSP: STRICT_CSP }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite exited ${child.exitCode}:\n${output}`);
    if (/ready in/.test(output)) break;
    if (Date.now() > deadline) throw new Error(`vite did not start within 30 s:\n${output}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return {
    origin,
    log: () => output,
    close: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.on('close', () => done());
        child.kill();
      }),
  };
}

/**
 * Collects what a user would see go wrong on the page: console errors (the page's and its
 * workers'), uncaught errors, responses of 400 and above, failed requests, and main-frame
 * navigations (a dev server reloading the page shows as a second one).
 */
export function watchPage(page: Page): { problems: string[]; navigations: () => number } {
  const problems: string[] = [];
  let navigations = 0;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error') problems.push(`worker console error: ${message.text()}`);
    }),
  );
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  return { problems, navigations: () => navigations };
}

/** Every `sourceMappingURL` in the JavaScript under `folder` names a file that is there. */
export function danglingSourceMaps(folder: string): string[] {
  const dangling: string[] = [];
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
      return;
    }
    if (!/\.m?js$/.test(path)) return;
    for (const [, url] of readFileSync(path, 'utf8').matchAll(/\/\/# sourceMappingURL=(\S+)/g)) {
      if (url!.startsWith('data:')) continue;
      if (!existsSync(resolve(path, '..', url!))) dangling.push(`${relative(folder, path)} -> ${url}`);
    }
  };
  visit(folder);
  return dangling;
}
