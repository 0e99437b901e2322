// The soak: images (8 in `npm test`, 20 with `npm run soak`) through the uploader against a receiver that resets connections, loses
// answers after storing, and answers 503 and 500 (a seeded schedule, then seeded chance), while
// the receiver process is killed and restarted and the browser is closed and relaunched on the
// same profile. In the end every version is stored exactly once, byte-identical.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { UploadSummary } from '../server/index.ts';
import { launchOptions } from './support/chromium.mjs';
import { spawnReceiver, type ChildReceiver } from './support/child-receiver.ts';
import { createFaultProxy } from './support/fault-proxy.ts';
import { FaultInjector, type Fault } from './support/upload-faults.ts';
import { makeResult, openUploadHarness } from './support/upload-page.ts';
import { startPageServer } from './support/upload-server.ts';
import type { MadeResult } from './pages/upload-harness.ts';

/** 8 in `npm test` (about half a minute); `npm run soak` sends 20. */
const IMAGES = Number(process.env.IMAGESPEC_SOAK_IMAGES ?? 8);
/** How many of each fault the schedule holds: cuts, lost answers; 503s and 500s a bit fewer. */
const EACH = Math.ceil(IMAGES / 5);
const STATUS_EACH = Math.ceil((EACH * 3) / 4);
const SEED = 20_261_124;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The faults of the first uploads, shuffled; then each later upload is faulty one time in five. */
function chaos(random: () => number): (route: string) => Fault | null {
  const cut = (): Fault => ({ kind: 'cut', afterBytes: 1 + Math.floor(random() * 60_000) });
  const schedule: Array<() => Fault | null> = [
    ...Array.from({ length: EACH }, () => cut),
    ...Array.from({ length: EACH }, () => (): Fault => ({ kind: 'drop-response' })),
    ...Array.from({ length: STATUS_EACH }, () => (): Fault => ({ kind: 'status', status: 503, retryAfter: '1' })),
    ...Array.from({ length: STATUS_EACH }, () => (): Fault => ({ kind: 'status', status: 500 })),
    // Fewer clean answers than images: the whole schedule is used before the last image is stored.
    ...Array.from({ length: Math.round((IMAGES * 14) / 20) }, () => () => null),
  ];
  for (let index = schedule.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [schedule[index], schedule[other]] = [schedule[other]!, schedule[index]!];
  }
  const later = [cut, () => ({ kind: 'drop-response' }) as Fault, () => ({ kind: 'status', status: 500 }) as Fault];
  return (route) => {
    if (route !== 'uploads') return null;
    const next = schedule.shift();
    if (next) return next();
    return random() < 0.2 ? later[Math.floor(random() * later.length)]!() : null;
  };
}

async function openUploader(context: BrowserContext, origin: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await openUploadHarness(page, origin);
  await page.evaluate(() =>
    window.uploadHarness.start({
      retry: { baseDelay: 50, maxDelay: 500, retries: 200, timeout: 4000 },
      concurrency: 2,
    }),
  );
  return page;
}

async function stored(receiver: ChildReceiver): Promise<UploadSummary[]> {
  const response = await fetch(`${receiver.origin}/api/uploads`).catch(() => null);
  return response?.ok ? ((await response.json()) as { uploads: UploadSummary[] }).uploads : [];
}

test(`soak: ${IMAGES} images through resets, lost answers, 503s and 500s, a receiver restart and a browser restart: every version stored exactly once`, async () => {
  test.setTimeout(300_000);
  const dir = await mkdtemp(join(tmpdir(), 'imagespec-soak-'));
  const profile = await mkdtemp(join(tmpdir(), 'imagespec-soak-profile-'));
  const faults = new FaultInjector();
  faults.chaos = chaos(seeded(SEED));
  let receiver: ChildReceiver | null = await spawnReceiver({ dir, ledger: 'sqlite' });
  // One origin for the whole test: the restarted browser finds its queue in this origin's IndexedDB.
  const pages = await startPageServer(
    createFaultProxy({ upstream: () => receiver?.origin ?? null, faults, clock: { skew: 0 } }),
  );
  const { origin } = pages;
  let context = await chromium.launchPersistentContext(profile, launchOptions());
  try {
    let page = await openUploader(context, origin);
    const made: MadeResult[] = [];
    for (let index = 0; index < IMAGES; index++) made.push(await makeResult(page, 1000 + index));
    for (const result of made) await page.evaluate((key) => window.uploadHarness.enqueue(key), result.key);

    // The receiver dies (SIGKILL) and comes back on the same folder.
    await expect
      .poll(async () => (await stored(receiver!)).length, { timeout: 120_000 })
      .toBeGreaterThanOrEqual(Math.ceil(IMAGES / 5));
    const dying = receiver;
    receiver = null;
    dying.process.kill('SIGKILL');
    await dying.exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
    receiver = await spawnReceiver({ dir, ledger: 'sqlite' });

    // The browser is closed in the middle of its uploads and relaunched on the same profile.
    await expect
      .poll(async () => (await stored(receiver!)).length, { timeout: 120_000 })
      .toBeGreaterThanOrEqual(Math.ceil(IMAGES / 2));
    await context.close();
    context = await chromium.launchPersistentContext(profile, launchOptions());
    page = await openUploader(context, origin);
    await page.evaluate(() => window.uploadHarness.resume());

    await expect.poll(async () => (await stored(receiver!)).length, { timeout: 180_000 }).toBe(IMAGES);
    await expect.poll(() => page.evaluate(() => window.uploadHarness.list()), { timeout: 60_000 }).toEqual([]);

    const kinds = faults
      .requests()
      .filter((request) => request.route === 'uploads')
      .map((request) => request.fault ?? 'none');
    const count = (kind: string) => kinds.filter((candidate) => candidate === kind).length;
    console.log(
      `soak: ${kinds.length} upload requests; ${count('cut')} cut, ${count('drop-response')} answers lost, ${count('status')} 5xx`,
    );
    expect(count('cut')).toBeGreaterThanOrEqual(EACH);
    expect(count('drop-response')).toBeGreaterThanOrEqual(EACH);
    expect(count('status')).toBeGreaterThanOrEqual(2 * STATUS_EACH);

    // Exactly once: one record per image, one file per version, each byte-identical.
    const uploads = await stored(receiver);
    expect(uploads).toHaveLength(IMAGES);
    expect(await readdir(join(dir, 'files'))).toHaveLength(IMAGES * 3);
    const byHashes = new Map(
      uploads.map((upload) => [
        JSON.stringify(
          Object.values(upload.versions)
            .map((v) => v.sha256)
            .sort(),
        ),
        upload,
      ]),
    );
    for (const result of made) {
      const upload = byHashes.get(JSON.stringify(Object.values(result.versions).sort()));
      expect(upload, `image ${result.key}`).toBeDefined();
      for (const [name, sha256] of Object.entries(result.versions)) {
        const bytes = await readFile(join(dir, upload!.versions[name]!.key));
        expect(createHash('sha256').update(bytes).digest('hex'), `${result.key} ${name}`).toBe(sha256);
      }
    }
    expect(receiver.errors()).not.toContain('UNCAUGHT');
  } finally {
    await context.close().catch(() => undefined);
    await pages.close();
    await receiver?.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
});
