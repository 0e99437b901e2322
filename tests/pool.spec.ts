// The worker pool: bounded, cancellable, and a worker that fails takes only its own job down.
import { expect, test } from '@playwright/test';
import { custom, resizeToFill, resizeToFit } from '../src/index.ts';
import { EXAMPLE_SPECS } from './support/example.ts';
import { drawPhoto } from './support/images.ts';
import { batchInPage, expectOk, openHarness, processInPage } from './support/page.ts';

const WEB_VERSION = { web: { processors: [resizeToFit(2048, 2048)], format: 'image/jpeg' } } as const;

test('a pool never runs more workers than its size', async ({ page }) => {
  await openHarness(page);
  const photo = await drawPhoto(1200, 900);
  const inputs = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.jpg`, bytes: photo }));
  const outcome = await batchInPage(page, inputs, EXAMPLE_SPECS, { pool: 'custom', poolSize: 2 });
  expect(outcome.results.every((result) => result.ok)).toBe(true);
  expect(outcome.workersStarted).toBe(2);
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
  const outcome = await processInPage(page, 'photo.jpg', await drawPhoto(800, 600), {
    thumbnail: { processors: [resizeToFill(100, 75), custom('noSuchProcessor')] },
  });
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error.code).toBe('UNKNOWN_PROCESSOR');
  expect(outcome.error.message).toContain('noSuchProcessor');
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
