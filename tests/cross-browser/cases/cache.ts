// The cache in every engine: the hit path where the browser can store Blobs, and no hang,
// ever, where it cannot or where a write never finishes.
import { grayscale, resizeToFill } from '../../../src/index.ts';
import type { CacheRunOutcome } from '../../pages/cache-harness.ts';
import { EXAMPLE_SPECS } from '../../support/example.ts';
import { drawPhoto } from '../../support/images.ts';
import type { BrowserSession, Json } from '../driver/session.ts';
import { expect, test } from '../fixtures.ts';
import { CACHE_HARNESS, dataUrl } from '../support.ts';

/** Runs processImage in the cache harness with the cache opened as `key`; fails the test on an error. */
async function processCached(session: BrowserSession, key: string, name: string, bytes: Buffer) {
  const outcome = await session.evaluate(
    (url, name, specs, key) => window.cacheHarness.run(url, name, JSON.parse(specs), { cache: key }),
    dataUrl(bytes),
    name,
    JSON.stringify(EXAMPLE_SPECS),
    key,
  );
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome;
}

function openCache(session: BrowserSession, key: string, options: { [name: string]: Json }) {
  return session.evaluate((key, options) => window.cacheHarness.open(key, options), key, options);
}

function fromCache(outcome: Extract<CacheRunOutcome, { ok: true }>): boolean[] {
  return [outcome.variants['thumbnail']!.fromCache, outcome.variants['display']!.fromCache];
}

/** What each event says, briefly: `type/reason`. */
function eventKinds(outcome: Extract<CacheRunOutcome, { ok: true }>): string[] {
  return outcome.events.map((event) => ('reason' in event ? `${event.type}/${event.reason}` : event.type));
}

/** The hit path, and calls that settle where Blobs are refused (WebKit's ephemeral profile). */
export function cacheHitCases(): void {
  test('the same photo under another name comes back from the cache, nothing made again (WebKit: refused, uncached)', async ({
    session,
  }) => {
    await session.open(CACHE_HARNESS);
    await openCache(session, 'hits', { databaseName: `hits-${Date.now()}` });
    const photo = await drawPhoto(640, 480);
    const first = await processCached(session, 'hits', 'IMG_0001.jpg', photo);
    const second = await processCached(session, 'hits', 'copy.jpg', photo);
    expect(fromCache(first)).toEqual([false, false]);
    if (session.engine === 'webkit') {
      // WebKitGTK's automation sessions are ephemeral, like Safari's private browsing: IndexedDB
      // refuses every Blob. The first write finds out; from then on the cache is off.
      expect(eventKinds(first)).toEqual(['skipped/write-failed', 'skipped/write-failed']);
      expect(eventKinds(second)).toEqual(['unavailable/blobs-refused']);
      expect(fromCache(second)).toEqual([false, false]);
      // Without a cache nothing waits for the hash: one worker hashes the file while another makes its versions.
      expect(second.workersStarted).toBe(2);
    } else {
      expect(eventKinds(first)).toEqual([]);
      expect(fromCache(second)).toEqual([true, true]);
      // One worker starts, to hash the file; no version is made.
      expect(second.workersStarted).toBe(1);
      expect(second.stages.filter((stage) => stage.startsWith('encode'))).toEqual([]);
      expect(second.variants['display']!.base64).toBe(first.variants['display']!.base64);
    }
    expect([second.source.width, second.source.height]).toEqual([640, 480]);
  });

  test('where IndexedDB cannot store Blobs, every call settles within seconds, one after another and at once', async ({
    session,
  }) => {
    // The bug this guards against: in WebKit's ephemeral profile a cache write left its
    // transaction neither committed nor aborted, and every later call in the page hung.
    await session.open(CACHE_HARNESS);
    await openCache(session, 'settles', { databaseName: `settles-${Date.now()}` });
    const photos = await Promise.all([1, 2, 3, 4, 5, 6].map((seed) => drawPhoto(320 + seed * 8, 240)));
    const outcomes = await session.evaluate(
      async (urls, specs) => {
        const settle = (url: string, name: string) =>
          Promise.race([
            window.cacheHarness.run(url, name, JSON.parse(specs), { cache: 'settles' }).then((outcome) => outcome.ok),
            new Promise<string>((resolve) => setTimeout(() => resolve('still pending after 10 s'), 10_000)),
          ]);
        const oneByOne = [];
        for (const [index, url] of urls.slice(0, 3).entries()) oneByOne.push(await settle(url, `one-${index}.jpg`));
        const atOnce = await Promise.all(urls.slice(3).map((url, index) => settle(url, `at-once-${index}.jpg`)));
        return [...oneByOne, ...atOnce];
      },
      photos.map(dataUrl),
      JSON.stringify(EXAMPLE_SPECS),
    );
    expect(outcomes).toEqual([true, true, true, true, true, true]);
  });
}

/** A cache write that never finishes (a transaction held open by another connection). */
export function cacheStallCases(): void {
  test('a cache write that never finishes is given up on, and every call still settles within seconds', async ({
    session,
  }) => {
    test.skip(session.engine === 'webkit', 'WebKit refuses Blobs before any write can stall (see the test above)');
    await session.open(CACHE_HARNESS);
    const photos = await Promise.all([320, 328, 336].map((width) => drawPhoto(width, 240)));
    const outcome = await session.evaluate(
      async (urls, specs, databaseName) => {
        const { imagespec } = window;
        const cache = imagespec.openCache({ databaseName, operationTimeout: 1000 });
        const process = async (url: string, onProgress?: (progress: { stage: string; spec?: string }) => void) => {
          const events: string[] = [];
          const file = new File([await (await fetch(url)).blob()], 'photo.jpg');
          const started = performance.now();
          const settled = await Promise.race([
            imagespec
              .processImage(file, JSON.parse(specs), {
                cache,
                onCacheEvent: (event) => events.push('reason' in event ? `${event.type}/${event.reason}` : event.type),
                ...(onProgress ? { onProgress } : {}),
              })
              .then(() => 'resolved'),
            new Promise<string>((resolve) => setTimeout(() => resolve('pending after 15 s'), 15_000)),
          ]);
          return { settled, events, ms: Math.round(performance.now() - started) };
        };
        const warm = await process(urls[0]!);
        // Another connection starts a read-write transaction on the running byte total once the
        // lookup is done, and never lets it finish: the write waits behind it, as writes and
        // every later call waited behind WebKit's wedged transactions.
        const holder = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(databaseName);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('open failed'));
        });
        let holding = false;
        const hold = (progress: { stage: string }) => {
          if (holding || progress.stage !== 'decode') return;
          holding = true;
          const store = holder.transaction('meta', 'readwrite').objectStore('meta');
          const spin = () => {
            if (holding) store.get('usage').onsuccess = spin;
          };
          spin();
        };
        try {
          const stalled = await process(urls[1]!, hold);
          const after = await process(urls[2]!);
          return { warm, stalled, after };
        } finally {
          holding = false;
          holder.close();
        }
      },
      photos.map(dataUrl),
      // The built-in worker: the example's display without its custom processor.
      JSON.stringify({
        thumbnail: EXAMPLE_SPECS.thumbnail,
        display: { processors: [resizeToFill(200, 400), grayscale()] },
      }),
      `stalled-${Date.now()}`,
    );
    console.log(`${session.engine}: the stalled call took ${outcome.stalled.ms} ms, the next ${outcome.after.ms} ms`);
    expect(outcome.warm).toMatchObject({ settled: 'resolved', events: [] });
    expect(outcome.stalled).toMatchObject({
      settled: 'resolved',
      events: ['skipped/write-failed', 'skipped/write-failed'],
    });
    expect(outcome.after).toMatchObject({ settled: 'resolved', events: ['unavailable/stalled'] });
    expect(outcome.stalled.ms).toBeLessThan(8_000);
    expect(outcome.after.ms).toBeLessThan(7_000);
  });
}
