// The cache's failure reports that cache.spec.ts does not reach: a version over the whole
// budget, no IndexedDB at all, an open that neither succeeds nor fails in time, and an
// operation that fails on an open database. Each is an event; processing never fails.
import { expect, test, type Page } from '@playwright/test';
import type { VariantCacheOptions } from '../src/index.ts';
import { makePhoto, openCacheHarness, processCached, type CacheOutcome } from './support/cache-page.ts';
import { EXAMPLE_SPECS as EXAMPLE } from './support/example.ts';

function fromCache(outcome: CacheOutcome): Record<string, boolean> {
  return Object.fromEntries(Object.entries(outcome.variants).map(([name, variant]) => [name, variant.fromCache]));
}

async function openCache(page: Page, key: string, options: Omit<VariantCacheOptions, 'onEvent'>): Promise<void> {
  await page.evaluate(([key, options]) => window.cacheHarness.open(key, options), [key, options] as const);
}

/** Only the example's display version: a grainy photo's is larger than the budget below. */
const BIG_DISPLAY = { display: EXAMPLE.display };

const usage = (page: Page, key?: string) => page.evaluate((key) => window.cacheHarness.usage(key), key);

test('a version larger than the whole budget is not cached, and evicts nothing to make room', async ({ page }) => {
  await openCacheHarness(page);
  const small = await makePhoto(31);
  const first = await processCached(page, 'small.jpg', small, { thumbnail: EXAMPLE.thumbnail }, { cache: false });
  // Room for this flat photo's thumbnail and a little more: a grainy photo's display is larger.
  const budget = first.variants['thumbnail']!.bytes + 1024;
  await openCache(page, 'tight', { budget });
  await processCached(page, 'small.jpg', small, { thumbnail: EXAMPLE.thumbnail }, { cache: 'tight' });
  expect(await usage(page, 'tight')).toMatchObject({ entries: 1 });

  const result = await processCached(page, 'photo.jpg', await makePhoto(32, { grain: true }), BIG_DISPLAY, {
    cache: 'tight',
  });
  expect([result.variants['display']!.width, result.variants['display']!.height]).toEqual([200, 400]);
  const display = result.variants['display']!.bytes;
  expect(display).toBeGreaterThan(budget);
  expect(result.events).toContainEqual(
    expect.objectContaining({ type: 'skipped', reason: 'over-budget', spec: 'display', bytes: display }),
  );
  expect(result.events.filter((event) => event.type === 'evicted')).toEqual([]);
  // The small thumbnail that was there stays; the over-budget display was never written.
  const again = await processCached(page, 'small.jpg', small, { thumbnail: EXAMPLE.thumbnail }, { cache: 'tight' });
  expect(fromCache(again)).toEqual({ thumbnail: true });
  expect((await usage(page, 'tight')).bytes).toBeLessThanOrEqual(budget);
});

test('a browser context without IndexedDB runs uncached and reports unavailable / unsupported', async ({ page }) => {
  // Some private modes and embedded browsers have no indexedDB at all.
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
  await openCacheHarness(page);
  const photo = await makePhoto(33);
  const result = await processCached(page, 'photo.jpg', photo, EXAMPLE);
  expect(fromCache(result)).toEqual({ thumbnail: false, display: false, original: false });
  expect(result.variants['original']!.data.equals(photo)).toBe(true);
  expect(result.events).toEqual([expect.objectContaining({ type: 'unavailable', reason: 'unsupported' })]);
  expect(await usage(page)).toMatchObject({ available: false, entries: 0 });
});

test('an open queued behind a blocked delete gives up after openTimeout with unavailable / timeout', async ({
  page,
}) => {
  await openCacheHarness(page);
  // A connection that ignores versionchange keeps a delete of the database pending, and every
  // open after it waits in line without a blocked event of its own.
  await page.evaluate(() => window.cacheHarness.holdDatabase('queued-cache', 1));
  const deleteBlocked = page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        indexedDB.deleteDatabase('queued-cache').onblocked = () => resolve(true);
      }),
  );
  expect(await deleteBlocked).toBe(true);
  await openCache(page, 'queued', { databaseName: 'queued-cache', openTimeout: 1_000 });
  const started = Date.now();
  const result = await processCached(page, 'photo.jpg', await makePhoto(34), EXAMPLE, { cache: 'queued' });
  const elapsed = Date.now() - started;
  expect(fromCache(result)).toEqual({ thumbnail: false, display: false, original: false });
  expect(result.events).toEqual([expect.objectContaining({ type: 'unavailable', reason: 'timeout' })]);
  expect(elapsed).toBeGreaterThanOrEqual(1_000);
  console.log(`open queued behind a blocked delete, 1000 ms timeout: processed uncached in ${elapsed} ms`);
});

test('an operation that fails on an open database reports failed and resolves empty', async ({ page }) => {
  await openCacheHarness(page);
  // A database of the cache's name and version written by something else: the stores are
  // there, the index forgetting an image needs is not.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('foreign-cache', 1);
        request.onupgradeneeded = () => {
          const db = request.result;
          db.createObjectStore('entries', { keyPath: 'key' });
          db.createObjectStore('blobs');
          db.createObjectStore('sources', { keyPath: 'source' });
          db.createObjectStore('meta');
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      }),
  );
  await openCache(page, 'foreign', { databaseName: 'foreign-cache' });
  const result = await processCached(page, 'photo.jpg', await makePhoto(35), EXAMPLE, { cache: 'foreign' });
  expect(result.events).toEqual([]);
  expect(await page.evaluate((hash) => window.cacheHarness.forget(hash, 'foreign'), result.source.sha256)).toBe(0);
  const events = await page.evaluate(() => window.cacheHarness.eventsOf('foreign'));
  expect(events).toEqual([
    expect.objectContaining({ type: 'failed', operation: 'delete', error: expect.stringContaining('NotFoundError') }),
  ]);
  // The cache itself goes on: what it holds is still found.
  const again = await processCached(page, 'photo.jpg', await makePhoto(35), EXAMPLE, { cache: 'foreign' });
  expect(fromCache(again)).toEqual({ thumbnail: true, display: true, original: false });
});
