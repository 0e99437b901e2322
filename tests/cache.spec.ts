// The variant cache in real Chromium with real IndexedDB: hits, misses, eviction, quota,
// unavailable and blocked databases, several tabs, lazy specs and object URLs.
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { CACHE_DB_VERSION } from '../src/cache/schema.ts';
import type { Spec, Specs } from '../src/index.ts';
import { countWorkers, makePhoto, openCacheHarness, processCached, type CacheOutcome } from './support/cache-page.ts';
import { countWholeFileReads } from './support/page.ts';
import { EXAMPLE_SPECS as EXAMPLE } from './support/example.ts';

/** The example with the display version made only when first asked for. */
const LAZY_EXAMPLE = {
  thumbnail: EXAMPLE.thumbnail,
  display: { ...EXAMPLE.display, lazy: true },
} satisfies Specs;

/** Chromium's default cache database, as the library names it. */
const DATABASE = 'imagespec-cache';

function fromCache(outcome: CacheOutcome): Record<string, boolean> {
  return Object.fromEntries(Object.entries(outcome.variants).map(([name, variant]) => [name, variant.fromCache]));
}

/** The progress stages of a run that mean a version was made. */
function madeStages(outcome: CacheOutcome): string[] {
  return outcome.stages.filter((stage) => stage.startsWith('process') || stage.startsWith('encode'));
}

/** The bytes of the cached (non-original) variants of one run. */
function cachedBytes(outcome: CacheOutcome): number {
  return Object.values(outcome.variants).reduce((sum, variant) => sum + (variant.fingerprint ? variant.bytes : 0), 0);
}

async function openCache(
  page: Page,
  key: string,
  options: { budget?: number; openTimeout?: number; persist?: boolean } = {},
): Promise<void> {
  await page.evaluate(([key, options]) => window.cacheHarness.open(key, options), [key, options] as const);
}

function uploadCheck(page: Page, id: number) {
  return page.evaluate((id) => window.cacheHarness.uploadCheck(id), id);
}

/** The cache events of a kept run, including those reported after it resolved. */
function eventsOf(page: Page, id: number) {
  return page.evaluate(async (id) => (await window.cacheHarness.get(id, [])).events, id);
}

async function usage(page: Page, key?: string) {
  return page.evaluate((key) => window.cacheHarness.usage(key), key);
}

test('the same bytes under another name come back from the cache, byte for byte, without decoding them again', async ({
  page,
}) => {
  await openCacheHarness(page);
  const workers = countWorkers(page);
  const photo = await makePhoto(1, { width: 4000, height: 3000, grain: true });

  const first = await processCached(page, 'IMG_0001.jpg', photo, EXAMPLE);
  expect(fromCache(first)).toEqual({ thumbnail: false, display: false, original: false });
  // One worker hashes the file, then makes its versions.
  expect(first.workersStarted).toBe(1);
  const workersAfterFirst = workers.count;
  expect(workersAfterFirst).toBeGreaterThanOrEqual(1);

  const second = await processCached(page, 'renamed copy.jpg', photo, EXAMPLE);
  expect(fromCache(second)).toEqual({ thumbnail: true, display: true, original: false });
  // One worker starts, to hash the file (the page's thread never reads it whole); nothing is made.
  expect(second.workersStarted).toBe(1);
  expect(workers.count).toBe(workersAfterFirst + 1);
  expect(madeStages(second)).toEqual([]);
  expect(second.variants.thumbnail!.data.equals(first.variants.thumbnail!.data)).toBe(true);
  expect(second.variants.display!.data.equals(first.variants.display!.data)).toBe(true);
  expect(second.variants.original!.data.equals(photo)).toBe(true);
  expect([second.source.width, second.source.height]).toEqual([4000, 3000]);
  expect(second.source.sha256).toBe(first.source.sha256);
  expect(second.source.name).toBe('renamed copy.jpg');
  expect([second.variants.display!.width, second.variants.display!.height]).toEqual([200, 400]);
  console.log(
    `ImageKit example on a 12 MP, ${(photo.length / 1e6).toFixed(1)} MB JPEG: miss ${first.ms.toFixed(0)} ms, full hit ${second.ms.toFixed(0)} ms (hashing included)`,
  );
});

test('the page never reads a picked file whole: its worker reads and hashes it, on a miss and on either hit', async ({
  page,
}) => {
  await openCacheHarness(page);
  const wholeReads = await countWholeFileReads(page);
  const photo = await makePhoto(4);
  const sha256 = createHash('sha256').update(photo).digest('hex');
  const picked = { lastModified: Date.UTC(2026, 0, 3, 9, 0) };
  const miss = await processCached(page, 'IMG_0004.jpg', photo, EXAMPLE, picked);
  const byContent = await processCached(page, 'copy of IMG_0004.jpg', photo, EXAMPLE);
  const byFile = await processCached(page, 'IMG_0004.jpg', photo, EXAMPLE, picked);
  expect([miss, byContent, byFile].map(fromCache)).toEqual([
    { thumbnail: false, display: false, original: false },
    { thumbnail: true, display: true, original: false },
    { thumbnail: true, display: true, original: false },
  ]);
  expect([miss, byContent, byFile].map((run) => run.source.sha256)).toEqual([sha256, sha256, sha256]);
  // The file-key hit is checked against the file's hash, made in a worker after it resolved.
  expect(await uploadCheck(page, byFile.id)).toEqual({ ok: true, sha256 });
  expect(await wholeReads()).toBe(0);
});

test('a photo picked again (same name, size and time) is answered before its bytes are read, then checked', async ({
  page,
}) => {
  await openCacheHarness(page);
  const photo = await makePhoto(50);
  const picked = { lastModified: Date.UTC(2026, 0, 2, 9, 0) };
  const made = await processCached(page, 'IMG_0050.jpg', photo, LAZY_EXAMPLE, picked);

  // With the disk held, the hit still resolves; only its upload waits for the file's hash.
  await page.evaluate(() => window.cacheHarness.holdReads());
  const again = await processCached(page, 'IMG_0050.jpg', photo, LAZY_EXAMPLE, picked);
  expect(fromCache(again)).toEqual({ thumbnail: true });
  expect(again.variants.thumbnail!.data.equals(made.variants.thumbnail!.data)).toBe(true);
  expect(again.source).toEqual(made.source);
  const upload = uploadCheck(page, again.id);
  await page.evaluate(() => window.cacheHarness.releaseReads());
  expect(await upload).toEqual({ ok: true, sha256: made.source.sha256 });
  expect((await eventsOf(page, again.id)).filter((event) => event.type === 'file-mismatch')).toEqual([]);
  // A lazy version of such a result is read through the cache as usual, by the file's hash.
  const display = await page.evaluate((id) => window.cacheHarness.get(id, ['display']), again.id);
  expect(display.variants[0]).toMatchObject({ width: 200, height: 400, fromCache: false });
});

test("a file with another file's name, size and time but other bytes never uploads the other's versions", async ({
  page,
}) => {
  await openCacheHarness(page);
  // Two pictures padded to one length after their end marker (decoders stop there): picked under
  // one name with one time, they are the same file to anything but their bytes.
  const [a, b] = await Promise.all([makePhoto(51), makePhoto(52)]);
  const length = Math.max(a.length, b.length) + 16;
  const [photoA, photoB] = [a, b].map((photo) => Buffer.concat([photo, Buffer.alloc(length - photo.length)]));
  const hashB = createHash('sha256').update(photoB!).digest('hex');
  const picked = { lastModified: Date.UTC(2026, 0, 2, 10, 30) };
  const pick = (photo: Buffer) => processCached(page, 'IMG_0001.jpg', photo, EXAMPLE, picked);

  const madeA = await pick(photoA!);
  expect(fromCache(await pick(photoA!))).toEqual({ thumbnail: true, display: true, original: false });

  // B is served A's versions at once, as any file picked again is; its check then fails.
  const servedB = await pick(photoB!);
  expect(servedB.source.sha256).toBe(madeA.source.sha256);
  expect(servedB.variants.original!.data.equals(photoB!)).toBe(true);
  const refused = await uploadCheck(page, servedB.id);
  expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(refused.ok || refused.message).toContain('"IMG_0001.jpg" holds other bytes');
  expect(await eventsOf(page, servedB.id)).toContainEqual(
    expect.objectContaining({ type: 'file-mismatch', served: madeA.source.sha256, source: hashB }),
  );

  // Picked again, B is read and hashed first, and gets versions of its own.
  const madeB = await pick(photoB!);
  expect(fromCache(madeB)).toEqual({ thumbnail: false, display: false, original: false });
  expect(madeB.source.sha256).toBe(hashB);
  expect(madeB.variants.thumbnail!.data.equals(madeA.variants.thumbnail!.data)).toBe(false);
  expect(await uploadCheck(page, madeB.id)).toEqual({ ok: true, sha256: hashB });

  // A then finds B under its name: refused once, then its own again, byte for byte.
  expect(await uploadCheck(page, (await pick(photoA!)).id)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const againA = await pick(photoA!);
  expect(fromCache(againA)).toEqual({ thumbnail: true, display: true, original: false });
  expect(againA.source.sha256).toBe(madeA.source.sha256);
  expect(againA.variants.thumbnail!.data.equals(madeA.variants.thumbnail!.data)).toBe(true);
  expect(againA.variants.display!.data.equals(madeA.variants.display!.data)).toBe(true);
  expect(await uploadCheck(page, againA.id)).toEqual({ ok: true, sha256: madeA.source.sha256 });
});

test('a changed spec misses for that spec only, and only that spec goes to a worker', async ({ page }) => {
  await openCacheHarness(page);
  const photo = await makePhoto(2);
  await processCached(page, 'photo.jpg', photo, EXAMPLE);

  const changed = { ...EXAMPLE, thumbnail: { ...EXAMPLE.thumbnail, quality: 0.86 } };
  const second = await processCached(page, 'photo.jpg', photo, changed);
  expect(fromCache(second)).toEqual({ thumbnail: false, display: true, original: false });
  expect(second.stages).toContain('encode:thumbnail');
  expect(second.stages).not.toContain('encode:display');

  const third = await processCached(page, 'photo.jpg', photo, changed);
  expect(fromCache(third)).toEqual({ thumbnail: true, display: true, original: false });
});

test('cached variants survive a page reload', async ({ page }) => {
  await openCacheHarness(page);
  const photo = await makePhoto(3);
  const before = await processCached(page, 'photo.jpg', photo, EXAMPLE);

  await openCacheHarness(page);
  const after = await processCached(page, 'photo.jpg', photo, EXAMPLE);
  expect(fromCache(after)).toEqual({ thumbnail: true, display: true, original: false });
  expect(madeStages(after)).toEqual([]);
  expect(after.variants.thumbnail!.data.equals(before.variants.thumbnail!.data)).toBe(true);
  expect(after.variants.display!.data.equals(before.variants.display!.data)).toBe(true);
});

test('with a budget of three photos, a fourth evicts the least recently used, and a hit by hash or by file counts as a use', async ({
  page,
}) => {
  await openCacheHarness(page);
  // Photo 3 has one disc more than photo 4, so photo 4's variants fit where photo 3's were.
  const photos = await Promise.all([makePhoto(41), makePhoto(43), makePhoto(42, { circles: 7 }), makePhoto(44)]);
  const sizes: number[] = [];
  for (const [index, photo] of photos.entries()) {
    sizes.push(cachedBytes(await processCached(page, `probe-${index + 1}.jpg`, photo, EXAMPLE, { cache: false })));
  }
  expect(sizes[3]!, 'photo 4 must not need more room than photo 3 frees').toBeLessThanOrEqual(sizes[2]!);
  const budget = sizes[0]! + sizes[1]! + sizes[2]!;
  await openCache(page, 'budget', { budget });

  const picked = { lastModified: Date.UTC(2026, 0, 3, 8, 0) };
  for (const [index, photo] of photos.slice(0, 3).entries()) {
    const made = await processCached(page, `${index + 1}.jpg`, photo, EXAMPLE, { cache: 'budget', ...picked });
    expect(Object.values(fromCache(made))).not.toContain(true);
  }
  expect(await usage(page, 'budget')).toMatchObject({ bytes: budget, entries: 6 });
  // Photo 1 picked again as the same file (found by its file key, before it is hashed) and photo
  // 2 under another name (found by its hash): both lookups are uses, so photo 3 goes first.
  for (const [name, photo] of [
    ['1.jpg', photos[0]],
    ['2-copy.jpg', photos[1]],
  ] as const) {
    const again = await processCached(page, name, photo, EXAMPLE, { cache: 'budget', ...picked });
    expect(fromCache(again), name).toMatchObject({ thumbnail: true, display: true });
  }

  const fourth = await processCached(page, '4.jpg', photos[3], EXAMPLE, { cache: 'budget' });
  expect(fromCache(fourth)).toMatchObject({ thumbnail: false, display: false });
  const evicted = fourth.events.filter((event) => event.type === 'evicted');
  expect(evicted.reduce((sum, event) => sum + (event.type === 'evicted' ? event.entries : 0), 0)).toBe(2);
  expect((await usage(page, 'budget')).bytes).toBeLessThanOrEqual(budget);

  for (const index of [0, 1, 3]) {
    const again = await processCached(page, `${index + 1}-later.jpg`, photos[index]!, EXAMPLE, { cache: 'budget' });
    expect(fromCache(again), `photo ${index + 1}`).toMatchObject({ thumbnail: true, display: true });
  }
  const evictedPhoto = await processCached(page, '3-later.jpg', photos[2], EXAMPLE, { cache: 'budget' });
  expect(fromCache(evictedPhoto)).toMatchObject({ thumbnail: false, display: false });
});

test('a full storage quota skips caching and reports it, and processing still succeeds', async ({ page }) => {
  await openCacheHarness(page);
  const origin = new URL(page.url()).origin;
  // An explicit budget, so that the browser's quota, not the cache's own budget, is what refuses.
  await openCache(page, 'tight', { budget: 100 * 1024 * 1024 });
  expect((await usage(page, 'tight')).available).toBe(true);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1024 });
  try {
    const photo = await makePhoto(5);
    const result = await processCached(page, 'photo.jpg', photo, EXAMPLE, { cache: 'tight' });
    expect(fromCache(result)).toEqual({ thumbnail: false, display: false, original: false });
    expect([result.variants.thumbnail!.width, result.variants.thumbnail!.height]).toEqual([100, 75]);
    const skipped = result.events.filter((event) => event.type === 'skipped');
    expect(skipped.map((event) => event.type === 'skipped' && [event.spec, event.reason])).toEqual([
      ['thumbnail', 'quota'],
      ['display', 'quota'],
    ]);
    expect(await usage(page, 'tight')).toMatchObject({ available: true, entries: 0, bytes: 0 });

    const again = await processCached(page, 'photo.jpg', photo, EXAMPLE, { cache: 'tight' });
    expect(fromCache(again)).toEqual({ thumbnail: false, display: false, original: false });
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  }
});

test('without IndexedDB, processing succeeds without a cache and says why', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
      throw new DOMException('The operation failed because storage is disabled.', 'InvalidStateError');
    };
  });
  await openCacheHarness(page);
  const photo = await makePhoto(6);
  for (const name of ['first.jpg', 'second.jpg']) {
    const result = await processCached(page, name, photo, EXAMPLE);
    expect(fromCache(result)).toEqual({ thumbnail: false, display: false, original: false });
    expect(result.variants.original!.data.equals(photo)).toBe(true);
    expect(result.events).toEqual([
      expect.objectContaining({
        type: 'unavailable',
        reason: 'open-failed',
        error: expect.stringContaining('InvalidStateError'),
      }),
    ]);
  }
  expect(await usage(page)).toMatchObject({ available: false, entries: 0 });
});

/** Makes every `indexedDB.open` with a version ask for one more: a page running a newer schema. */
function runNewerSchema(): void {
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function openNewer(this: IDBFactory, name: string, version?: number) {
    return version === undefined ? open.call(this, name) : open.call(this, name, version + 1);
  };
}

test('an upgrade blocked by an older tab gives up after the open timeout, and processing goes on without the cache', async ({
  page,
  context,
}) => {
  // The older tab made the cache and holds it open, ignoring the request to close.
  await openCacheHarness(page);
  const photo = await makePhoto(7);
  await processCached(page, 'photo.jpg', photo, EXAMPLE);
  await page.evaluate(([name, version]) => window.cacheHarness.holdDatabase(name, version), [
    DATABASE,
    CACHE_DB_VERSION,
  ] as const);

  const newer = await context.newPage();
  await newer.addInitScript(runNewerSchema);
  await openCacheHarness(newer);
  await openCache(newer, 'blocked', { openTimeout: 1_000 });
  const started = Date.now();
  const result = await processCached(newer, 'photo.jpg', photo, EXAMPLE, { cache: 'blocked' });
  const elapsed = Date.now() - started;
  expect(fromCache(result)).toEqual({ thumbnail: false, display: false, original: false });
  expect(result.events).toEqual([expect.objectContaining({ type: 'unavailable', reason: 'blocked' })]);
  expect(elapsed).toBeLessThan(10_000);
  expect(
    await page.evaluate(() => (window as unknown as { versionChangeIgnored?: boolean }).versionChangeIgnored),
  ).toBe(true);

  // Later calls do not wait again while the upgrade stays blocked.
  const quick = await processCached(newer, 'photo.jpg', photo, EXAMPLE, { cache: 'blocked' });
  expect(quick.events).toEqual([expect.objectContaining({ type: 'unavailable', reason: 'blocked' })]);
  console.log(
    `blocked upgrade, 1000 ms open timeout: first call ${elapsed} ms, next call ${quick.ms.toFixed(0)} ms (both include processing without the cache)`,
  );
});

test('a tab with the cache open lets a newer schema upgrade, and goes on without the cache', async ({
  page,
  context,
}) => {
  await openCacheHarness(page);
  const photo = await makePhoto(8);
  await processCached(page, 'photo.jpg', photo, EXAMPLE);

  const newer = await context.newPage();
  await newer.addInitScript(runNewerSchema);
  await openCacheHarness(newer);
  await openCache(newer, 'newer', { openTimeout: 5_000 });
  const upgraded = await processCached(newer, 'photo.jpg', photo, EXAMPLE, { cache: 'newer' });
  expect(upgraded.events.filter((event) => event.type === 'unavailable')).toEqual([]);
  expect(fromCache(upgraded)).toEqual({ thumbnail: true, display: true, original: false });

  // The older tab closed its connection; reopening at its older version now fails, cleanly.
  const older = await processCached(page, 'photo.jpg', photo, EXAMPLE);
  expect(fromCache(older)).toEqual({ thumbnail: false, display: false, original: false });
  expect(older.events).toEqual([
    expect.objectContaining({
      type: 'unavailable',
      reason: 'open-failed',
      error: expect.stringContaining('VersionError'),
    }),
  ]);
});

test('two tabs processing the same photo at once end with one consistent entry per variant', async ({
  page,
  context,
}) => {
  const other = await context.newPage();
  await Promise.all([openCacheHarness(page), openCacheHarness(other)]);
  const photo = await makePhoto(9);
  const [mine, theirs] = await Promise.all([
    processCached(page, 'photo.jpg', photo, EXAMPLE),
    processCached(other, 'same photo.jpg', photo, EXAMPLE),
  ]);
  expect(theirs.variants.thumbnail!.data.equals(mine.variants.thumbnail!.data)).toBe(true);

  for (const tab of [page, other]) {
    expect(await usage(tab)).toMatchObject({ available: true, entries: 2, bytes: cachedBytes(mine) });
    const again = await processCached(tab, 'photo.jpg', photo, EXAMPLE);
    expect(fromCache(again)).toEqual({ thumbnail: true, display: true, original: false });
    expect(again.variants.display!.data.equals(mine.variants.display!.data)).toBe(true);
  }
});

test('a lazy spec is not produced until asked for, then produced once and cached', async ({ page }) => {
  await openCacheHarness(page);
  const photo = await makePhoto(10);
  const result = await processCached(page, 'photo.jpg', photo, LAZY_EXAMPLE);
  expect(Object.keys(result.variants)).toEqual(['thumbnail']);
  expect(result.stages.filter((stage) => stage.endsWith(':display'))).toEqual([]);
  expect(await usage(page)).toMatchObject({ entries: 1 });

  // Two concurrent requests, then a third: one production.
  const asked = await page.evaluate((id) => window.cacheHarness.get(id, ['display', 'display']), result.id);
  expect(asked.sameObject).toBe(true);
  expect(asked.variants[0]).toMatchObject({ width: 200, height: 400, fromCache: false });
  const later = await page.evaluate((id) => window.cacheHarness.get(id, ['display']), result.id);
  expect(later.stages.filter((stage) => stage === 'encode:display')).toHaveLength(1);
  expect(await usage(page)).toMatchObject({ entries: 2 });

  const next = await processCached(page, 'photo.jpg', photo, LAZY_EXAMPLE);
  expect(fromCache(next)).toEqual({ thumbnail: true });
  const cached = await page.evaluate((id) => window.cacheHarness.get(id, ['display']), next.id);
  expect(cached.variants[0]).toMatchObject({ fromCache: true });
  expect(cached.stages.filter((stage) => stage.endsWith(':display'))).toEqual([]);
  expect(
    Buffer.from(cached.variants[0]!.base64, 'base64').equals(Buffer.from(asked.variants[0]!.base64, 'base64')),
  ).toBe(true);

  // The same spec made eagerly shares the lazy one's cache entry: laziness is not in the fingerprint.
  const eager = await processCached(page, 'photo.jpg', photo, EXAMPLE);
  expect(fromCache(eager)).toEqual({ thumbnail: true, display: true, original: false });
});

test('object URLs are made once per variant and revoked by release()', async ({ page }) => {
  await openCacheHarness(page);
  const photo = await makePhoto(11);
  await processCached(page, 'photo.jpg', photo, EXAMPLE);
  const hit = await processCached(page, 'photo.jpg', photo, EXAMPLE);
  expect(hit.variants.thumbnail!.fromCache).toBe(true);

  const [first, again] = await page.evaluate(
    async (id) => [await window.cacheHarness.url(id, 'thumbnail'), await window.cacheHarness.url(id, 'thumbnail')],
    hit.id,
  );
  expect(first).toMatch(/^blob:/);
  expect(again).toBe(first);
  const served = await page.evaluate((url) => window.cacheHarness.fetchBase64(url), first);
  expect(Buffer.from(served!, 'base64').equals(hit.variants.thumbnail!.data)).toBe(true);

  await page.evaluate((id) => window.cacheHarness.release(id), hit.id);
  expect(await page.evaluate((url) => window.cacheHarness.fetchBase64(url), first)).toBeNull();
});

test("a cached version is read by the photo's hash and its spec, without the file", async ({ page }) => {
  await openCacheHarness(page);
  const photo = await makePhoto(14);
  const made = await processCached(page, 'made.jpg', photo, EXAMPLE);
  const read = (spec: Spec) =>
    page.evaluate(([hash, json]) => window.cacheHarness.read(hash, JSON.parse(json) as Spec), [
      made.source.sha256,
      JSON.stringify(spec),
    ] as const);

  const thumbnail = await read(EXAMPLE.thumbnail);
  expect(thumbnail).toMatchObject({ width: 100, height: 75, type: 'image/jpeg', fromCache: true });
  expect(Buffer.from(thumbnail!.base64, 'base64').equals(made.variants.thumbnail!.data)).toBe(true);
  expect(await read(EXAMPLE.original)).toBeNull();
  expect(await read({ ...EXAMPLE.thumbnail, quality: 0.5 })).toBeNull();
  await page.evaluate((hash) => window.cacheHarness.forget(hash), made.source.sha256);
  expect(await read(EXAMPLE.display)).toBeNull();
});

test('forgetting one image removes only its variants, and clear() empties the cache', async ({ page }) => {
  await openCacheHarness(page);
  const [one, two] = await Promise.all([makePhoto(12), makePhoto(13)]);
  const first = await processCached(page, 'one.jpg', one, EXAMPLE);
  await processCached(page, 'two.jpg', two, EXAMPLE);
  expect(await usage(page)).toMatchObject({ entries: 4 });

  expect(await page.evaluate((hash) => window.cacheHarness.forget(hash), first.source.sha256)).toBe(2);
  expect(fromCache(await processCached(page, 'two.jpg', two, EXAMPLE))).toMatchObject({
    thumbnail: true,
    display: true,
  });
  expect(await usage(page)).toMatchObject({ entries: 2 });
  expect(fromCache(await processCached(page, 'one.jpg', one, EXAMPLE))).toMatchObject({
    thumbnail: false,
    display: false,
  });

  await page.evaluate(() => window.cacheHarness.clear());
  expect(await usage(page)).toMatchObject({ available: true, entries: 0, bytes: 0 });
  expect(fromCache(await processCached(page, 'two.jpg', two, EXAMPLE))).toMatchObject({
    thumbnail: false,
    display: false,
  });
});

test('persistent storage is requested when the site opts in, and the answer is reported', async ({ page }) => {
  await openCacheHarness(page);
  await openCache(page, 'persistent', { persist: true });
  await processCached(page, 'photo.jpg', await makePhoto(14), EXAMPLE, { cache: 'persistent' });
  await expect
    .poll(() =>
      page.evaluate(() => window.cacheHarness.eventsOf('persistent').filter((event) => event.type === 'persisted')),
    )
    .toEqual([{ type: 'persisted', persisted: expect.any(Boolean) }]);
  expect(typeof (await usage(page, 'persistent')).persisted).toBe('boolean');
});
