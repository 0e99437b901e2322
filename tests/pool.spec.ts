// The worker pool: bounded, cancellable, and a worker that fails takes only its own job down.
import { expect, test, type Page } from '@playwright/test';
import { custom, resizeToFill, resizeToFit } from '../src/index.ts';
import { EXAMPLE_SPECS } from './support/example.ts';
import { pngWithGarbageData } from './support/bad-files.ts';
import { drawPhoto } from './support/images.ts';
import { batchInPage, expectOk, openHarness, processInPage, serveBytes } from './support/page.ts';

const WEB_VERSION = { web: { processors: [resizeToFit(2048, 2048)], format: 'image/jpeg' } } as const;

test('a pool never runs more workers than its size, plus one that hashes files while all are busy', async ({
  page,
}) => {
  await openHarness(page);
  const photo = await drawPhoto(1200, 900);
  const inputs = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.jpg`, bytes: photo }));
  const outcome = await batchInPage(page, inputs, EXAMPLE_SPECS, { pool: 'custom', poolSize: 2 });
  expect(outcome.results.every((result) => result.ok)).toBe(true);
  expect(outcome.workersStarted).toBeGreaterThanOrEqual(2);
  expect(outcome.workersStarted).toBeLessThanOrEqual(2 + 1);
});

test('files submitted at once to one worker are hashed and processed in the order they were given', async ({
  page,
}) => {
  await openHarness(page);
  // Eight photos, each looked up in the cache on the page first: those lookups finish in any
  // order, and did reorder the files before the pool kept their admission order. (With more
  // workers, files started together decode side by side, and their first progress races.)
  const inputs = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => ({ name: `p${i}.jpg`, bytes: await drawPhoto(400 + 8 * i, 300) })),
  );
  const outcome = await batchInPage(page, inputs, WEB_VERSION, { poolSize: 1 });
  expect(outcome.results.every((result) => result.ok)).toBe(true);
  expect(outcome.decodeOrder).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
});

test('twenty files submitted at once are read only as the workers get close to them', async ({ page }) => {
  await openHarness(page);
  const url = await serveBytes(page, await drawPhoto(400, 300));
  const { results, mostAhead } = await page.evaluate(async (url) => {
    const photo = await (await fetch(url)).blob();
    const pool = window.imagespec.createWorkerPool({ size: 1 });
    // When the page first touches each file's bytes, and when a worker takes it.
    const log: ('read' | 'taken')[] = [];
    const files = Array.from({ length: 20 }, (_, index) => {
      // Distinct bytes after the image data, so that the cache answers none of them.
      const file = new File([photo, `file ${index}`], `p${index}.jpg`);
      let read = false;
      for (const method of ['arrayBuffer', 'slice'] as const) {
        const original = file[method].bind(file) as (...args: unknown[]) => unknown;
        Object.defineProperty(file, method, {
          value: (...args: unknown[]) => {
            if (!read) log.push('read');
            read = true;
            return original(...args);
          },
        });
      }
      return file;
    });
    const results = await Promise.all(
      files.map((file) =>
        window.imagespec
          .processImage(
            file,
            { t: { processors: [{ op: 'resizeToFill', width: 100, height: 75 }] } },
            { pool, onProgress: ({ stage }) => stage === 'decode' && log.push('taken') },
          )
          .then((result) => ({
            ok: true,
            fromCache: result.variants['t'].fromCache,
            width: result.variants['t'].width,
          }))
          .catch((error: Error) => ({ ok: false, message: error.message })),
      ),
    );
    let ahead = 0;
    let mostAhead = 0;
    for (const event of log) {
      ahead += event === 'read' ? 1 : -1;
      mostAhead = Math.max(mostAhead, ahead);
    }
    return { results, mostAhead };
  }, url);
  expect(results).toEqual(Array.from({ length: 20 }, () => ({ ok: true, fromCache: false, width: 100 })));
  // One file for the worker to take next, one being read: never all twenty at the start.
  expect(mostAhead).toBeLessThanOrEqual(2);
});

test('terminating a pool rejects the files still waiting for their turn with ABORTED', async ({ page }) => {
  await openHarness(page);
  const url = await serveBytes(page, await drawPhoto(400, 300));
  const codes = await page.evaluate(async (url) => {
    const photo = await (await fetch(url)).blob();
    const pool = window.imagespec.createWorkerPool({ size: 1 });
    const files = Array.from({ length: 6 }, (_, index) => new File([photo, `file ${index}`], `p${index}.jpg`));
    let terminated = false;
    const onProgress = ({ stage }: { stage: string }) => {
      if (stage !== 'decode' || terminated) return;
      terminated = true;
      pool.terminate();
    };
    return Promise.all(
      files.map((file) =>
        window.imagespec
          .processImage(
            file,
            { t: { processors: [{ op: 'resizeToFill', width: 100, height: 75 }] } },
            { pool, onProgress },
          )
          .then(
            () => 'ok',
            (error: { code?: string }) => error.code,
          ),
      ),
    );
  }, url);
  // The first was in the worker; the last three had not been read yet (the middle two may have been).
  expect([codes[0], ...codes.slice(3)]).toEqual(['ABORTED', 'ABORTED', 'ABORTED', 'ABORTED']);
});

test('aborting a batch rejects every file with ABORTED promptly and stops the busy worker', async ({ page }) => {
  await openHarness(page);
  const photo = await drawPhoto(4000, 3000);
  const closed: number[] = [];
  page.on('worker', (worker) => worker.on('close', () => closed.push(Date.now())));
  const inputs = Array.from({ length: 3 }, (_, i) => ({ name: `big${i}.jpg`, bytes: photo }));
  const before = Date.now();
  const outcome = await batchInPage(page, inputs, WEB_VERSION, { poolSize: 1, abortAt: 'process:web' });
  expect(outcome.results.map((result) => result.code)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
  for (const result of outcome.results) expect(result.settledAfterAbortMs!).toBeLessThan(200);
  // The worker that was busy with the aborted file is terminated, not left to finish.
  await expect.poll(() => closed.filter((time) => time >= before).length, { timeout: 2_000 }).toBe(1);
});

test('progress reports each stage of each spec in order', async ({ page }) => {
  await openHarness(page);
  const result = expectOk(
    await processInPage(page, 'photo.jpg', await drawPhoto(800, 600), EXAMPLE_SPECS, { pool: 'custom' }),
  );
  expect(result.stages).toEqual([
    'queued',
    'decode',
    'process:thumbnail',
    'encode:thumbnail',
    'process:display',
    'encode:display',
    'done',
  ]);
});

test('a spec naming an unregistered processor fails with UNKNOWN_PROCESSOR before decoding', async ({ page }) => {
  await openHarness(page);
  // A file that would fail to decode: refused for the processor, it was never decoded.
  const outcome = await processInPage(page, 'noise.png', pngWithGarbageData(), {
    thumbnail: { processors: [resizeToFill(100, 75), custom('noSuchProcessor')] },
  });
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error.code).toBe('UNKNOWN_PROCESSOR');
  expect(outcome.error.message).toContain('noSuchProcessor');
  expect(outcome.stages).toEqual(['queued']);
});

test('a custom processor that throws fails its file with PROCESSOR_FAILED and its message', async ({ page }) => {
  await openHarness(page);
  const outcome = await processInPage(
    page,
    'photo.jpg',
    await drawPhoto(800, 600),
    { broken: { processors: [custom('throws')] } },
    { pool: 'custom' },
  );
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error.code).toBe('PROCESSOR_FAILED');
  expect(outcome.error.message).toContain('this processor always fails');
});

test('a worker that dies fails only its own file with WORKER_CRASHED; the next file succeeds', async ({ page }) => {
  await openHarness(page);
  const photo = await drawPhoto(800, 600);
  const crashed = await processInPage(
    page,
    'dies.jpg',
    photo,
    { broken: { processors: [custom('dies')] } },
    { pool: 'custom' },
  );
  expect(crashed.ok ? 'ok' : crashed.error.code).toBe('WORKER_CRASHED');
  expect(crashed.ms).toBeLessThan(5_000);
  const next = expectOk(await processInPage(page, 'next.jpg', photo, EXAMPLE_SPECS, { pool: 'custom' }));
  expect(next.variants['thumbnail']!.width).toBe(100);
});

test('a worker script that cannot load fails with WORKER_CRASHED instead of hanging', async ({ page }) => {
  await openHarness(page);
  const outcome = await batchInPage(page, [{ name: 'photo.jpg', bytes: await drawPhoto(400, 300) }], WEB_VERSION, {
    pool: 'missing-worker',
  });
  expect(outcome.results[0]!.code).toBe('WORKER_CRASHED');
  expect(outcome.elapsedMs).toBeLessThan(5_000);
});

/** Runs one small file through a new pool made in the page with these options; resolves when done. */
async function runInNewPool(page: Page, options: { idleTimeout?: number }): Promise<void> {
  const url = await serveBytes(page, await drawPhoto(400, 300));
  await page.evaluate(
    async ([url, options]) => {
      const pool = window.imagespec.createWorkerPool(options);
      const file = await window.harness.loadFile(url, 'p.jpg');
      await window.imagespec.processImage(
        file,
        { t: { processors: [{ op: 'resizeToFill', width: 100, height: 75 }] } },
        {
          pool,
          cache: false,
        },
      );
    },
    [url, options] as const,
  );
}

/** Resolves with the time the next worker the page starts is closed. */
function nextWorkerClosed(page: Page): Promise<number> {
  return new Promise((resolve) => page.once('worker', (worker) => worker.once('close', () => resolve(Date.now()))));
}

test('an idle worker is terminated after idleTimeout, not before', async ({ page }) => {
  await openHarness(page);
  const closed = nextWorkerClosed(page);
  await runInNewPool(page, { idleTimeout: 1_500 });
  const done = Date.now();
  const closedAt = await closed;
  console.log(`idleTimeout 1500 ms: worker closed ${closedAt - done} ms after its job`);
  expect(closedAt - done).toBeGreaterThanOrEqual(1_400);
  expect(closedAt - done).toBeLessThan(6_000);
});

test('by default an idle worker lives 30 s', async ({ page }) => {
  await page.clock.install();
  await openHarness(page);
  let closed = false;
  void nextWorkerClosed(page).then(() => (closed = true));
  await runInNewPool(page, {});
  await page.clock.runFor(29_000);
  await page.waitForTimeout(300);
  expect(closed, 'closed before 30 s').toBe(false);
  await page.clock.runFor(1_500);
  await expect.poll(() => closed).toBe(true);
});

test('the default pool size is hardwareConcurrency - 1, at least 1, at most 4', async ({ page }) => {
  await openHarness(page);
  const cdp = await page.context().newCDPSession(page);
  const sizes: Record<number, number> = {};
  for (const cores of [1, 2, 3, 5, 8, 16]) {
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
    sizes[cores] = await page.evaluate(() => window.imagespec.createWorkerPool().size);
  }
  expect(sizes).toEqual({ 1: 1, 2: 1, 3: 2, 5: 4, 8: 4, 16: 4 });
  // And a default pool really runs that many workers at once (and one more that hashes files).
  await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: 4 });
  const photo = await drawPhoto(800, 600);
  const inputs = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.jpg`, bytes: photo }));
  const outcome = await batchInPage(page, inputs, { t: { processors: [resizeToFill(100, 75)] } });
  expect(outcome.results.every((result) => result.ok)).toBe(true);
  expect(outcome.workersStarted).toBeGreaterThanOrEqual(3);
  expect(outcome.workersStarted).toBeLessThanOrEqual(3 + 1);
});
