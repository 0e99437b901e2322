// The uploader over multipart against the real receiver (imagespec/server, which the demo
// mounts), with faults injected by a proxy in front of it (tests/support/fault-proxy.ts). Every
// test ends by reading the receiver's ledger: each version stored exactly once, byte-identical
// to what the client produced.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { launchOptions } from './support/chromium.mjs';
import { serveBytes } from './support/page.ts';
import { expectStoredOnce, makeResult, openUploadHarness } from './support/upload-page.ts';
import { startReceiver, type ReceiverServer } from './support/upload-server.ts';

let server: ReceiverServer;

test.beforeAll(async () => {
  server = await startReceiver(5510, { limits: { maxPartBytes: 512 * 1024, maxBodyBytes: 2 * 1024 * 1024 } });
});
test.afterAll(async () => server?.close());
test.beforeEach(async () => server.resetFaults());

test('all versions of an image arrive together, each stored once and byte-identical', async ({ page }) => {
  await openUploadHarness(page, server.origin);
  const made = await makeResult(page, 1);
  await page.evaluate(() => window.uploadHarness.start());
  const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
  const outcome = await page.evaluate((id) => window.uploadHarness.outcome(id), id);
  expect(outcome.ok).toBe(true);
  await expectStoredOnce(server, made);
  const requests = await server.requests();
  expect(requests.filter((request) => request.route === 'uploads')).toHaveLength(1);
  // Progress per version and for the queue reached the totals.
  const events = await page.evaluate(() => window.uploadHarness.events());
  const last = events.filter((event) => event.type === 'progress').at(-1)!;
  expect(last.sent).toBe(last.total);
  expect(last.queueSent).toBe(last.queueTotal);
  expect(Object.keys(last.versions!).sort()).toEqual(['display', 'original', 'thumbnail']);
  expect(events.filter((event) => event.type === 'state').map((event) => event.state)).toEqual([
    'queued',
    'uploading',
    'done',
  ]);
  // Done jobs leave the queue.
  expect(await page.evaluate(() => window.uploadHarness.list())).toEqual([]);
});

test('500 twice, then success: retried with backoff, stored once', async ({ page }) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 500 }, times: 2 }]);
  await openUploadHarness(page, server.origin);
  const made = await makeResult(page, 2);
  await page.evaluate(() => window.uploadHarness.start());
  const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
  expect((await page.evaluate((id) => window.uploadHarness.outcome(id), id)).ok).toBe(true);
  const requests = (await server.requests()).filter((request) => request.route === 'uploads');
  expect(requests.map((request) => request.fault)).toEqual(['status', 'status', null]);
  const states = (await page.evaluate(() => window.uploadHarness.events()))
    .filter((event) => event.type === 'state')
    .map((event) => event.state);
  expect(states).toEqual(['queued', 'uploading', 'retrying', 'uploading', 'retrying', 'uploading', 'done']);
  await expectStoredOnce(server, made);
});

/** Runs one job of the test photo `seed` to its end; returns the job id and the client's hashes. */
async function uploadOne(
  page: import('@playwright/test').Page,
  seed: number,
  options: import('./pages/upload-harness.ts').HarnessUploaderOptions = {},
) {
  await openUploadHarness(page, server.origin);
  const made = await makeResult(page, seed);
  await page.evaluate((options) => window.uploadHarness.start(options), options);
  const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
  return { made, id, outcome: () => page.evaluate((id) => window.uploadHarness.outcome(id), id) };
}

async function uploadRequests() {
  return (await server.requests()).filter((request) => request.route === 'uploads');
}

async function waitForRequests(count: number) {
  await expect.poll(async () => (await uploadRequests()).length).toBeGreaterThanOrEqual(count);
}

test('503 with Retry-After: 2 is honoured: no request before 2 s', async ({ page }) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 503, retryAfter: '2' } }]);
  const { made, outcome } = await uploadOne(page, 3);
  expect(await outcome()).toMatchObject({ ok: true });
  const [first, second] = await uploadRequests();
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(2000);
  await expectStoredOnce(server, made);
});

test('a 429 storm meets ever wider gaps, not a flood', async ({ page }) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 429 }, times: 6 }]);
  const { made, outcome } = await uploadOne(page, 4, { retry: { baseDelay: 50, maxDelay: 2000 } });
  expect(await outcome()).toMatchObject({ ok: true });
  const times = (await uploadRequests()).map((request) => request.at);
  expect(times).toHaveLength(7);
  const gaps = times.slice(1).map((at, index) => at - times[index]!);
  console.log(`gaps between tries in a 429 storm: ${gaps.join(', ')} ms`);
  // Retry n waits at least half of 50 ms * 2^(n-1): the gaps' floor doubles, whatever the jitter
  // and the request latency add on top.
  gaps.forEach((gap, index) => expect(gap, `gap ${index + 1}`).toBeGreaterThanOrEqual((50 * 2 ** index) / 2));
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(700);
  await expectStoredOnce(server, made);
});

test('the connection cut after 20 kB of the body: retried, stored once', async ({ page }) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'cut', afterBytes: 20_000 } }]);
  const { made, outcome } = await uploadOne(page, 5);
  expect(await outcome()).toMatchObject({ ok: true });
  expect((await uploadRequests()).map((request) => request.fault)).toEqual(['cut', null]);
  await expectStoredOnce(server, made);
});

test('the response lost after the server stored the data: the retry is answered from the idempotency record', async ({
  page,
}) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'drop-response' } }]);
  const { made, id, outcome } = await uploadOne(page, 6);
  const result = await outcome();
  expect(result.ok).toBe(true);
  const requests = await uploadRequests();
  expect(requests.map((request) => request.fault)).toEqual(['drop-response', null]);
  expect(requests.every((request) => request.idempotencyKey === id)).toBe(true);
  expect(result.ok && result.receipt?.uploadId).toBe(id);
  await expectStoredOnce(server, made);
});

test('a 400 fails at once with a typed error; the job stays failed with its blobs, and retry() sends it', async ({
  page,
}) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 400 } }]);
  const { made, id, outcome } = await uploadOne(page, 7);
  const failed = await outcome();
  expect(failed).toMatchObject({
    ok: false,
    error: {
      name: 'UploadError',
      code: 'HTTP_ERROR',
      status: 400,
      serverMessage: 'injected fault: 400',
      isUploadError: true,
    },
  });
  await page.waitForTimeout(500);
  expect(await uploadRequests()).toHaveLength(1);
  expect(await page.evaluate(() => window.uploadHarness.list())).toMatchObject([
    { id, state: 'failed', error: { code: 'HTTP_ERROR', status: 400 } },
  ]);
  // The blobs are still in the queue: retrying needs nothing from the page.
  await page.evaluate((id) => window.uploadHarness.retry(id), id);
  expect(await outcome()).toMatchObject({ ok: true });
  await expectStoredOnce(server, made);
});

test('a version over the size limit gets 413 and HTML declared as image/jpeg gets 415: no retry, nothing stored', async ({
  page,
}) => {
  await openUploadHarness(page, server.origin);
  const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(600 * 1024, 7)]);
  const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>'.padEnd(200, ' '));
  const [bigUrl, htmlUrl] = [await serveBytes(page, big), await serveBytes(page, html)];
  await page.evaluate(() => window.uploadHarness.start());
  const filesBefore = await server.storedFiles();
  for (const [url, status] of [
    [bigUrl, 413],
    [htmlUrl, 415],
  ] as const) {
    const made = await page.evaluate(
      (url) => window.uploadHarness.makeRawResult('x.jpg', { original: { url, type: 'image/jpeg' } }),
      url,
    );
    const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
    const result = await page.evaluate((id) => window.uploadHarness.outcome(id), id);
    expect(result).toMatchObject({ ok: false, error: { code: 'HTTP_ERROR', status } });
    expect((await uploadRequests()).filter((request) => request.idempotencyKey === id)).toHaveLength(1);
    expect((await server.ledger()).filter((entry) => entry.uploadId === id)).toEqual([]);
  }
  expect(await server.storedFiles()).toEqual(filesBefore);
});

test('offline in the middle of an upload: waits for the network, resumes by itself, no duplicates', async ({
  page,
  context,
}) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'hang' } }]);
  const { made, outcome } = await uploadOne(page, 8, { retry: { timeout: 1500 } });
  await waitForRequests(1);
  await context.setOffline(true);
  await expect
    .poll(async () => (await page.evaluate(() => window.uploadHarness.list()))[0]?.state)
    .toBe('waiting-for-network');
  await page.waitForTimeout(800);
  expect(await uploadRequests()).toHaveLength(1);
  await context.setOffline(false);
  expect(await outcome()).toMatchObject({ ok: true });
  await expectStoredOnce(server, made);
});

test('the page closed in the middle of an upload: resumeUploads() in a new page finishes the job', async ({
  context,
}) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'hang' } }]);
  const first = await context.newPage();
  const { made, id } = await uploadOne(first, 9);
  await waitForRequests(1);
  await first.close();
  const second = await context.newPage();
  await openUploadHarness(second, server.origin);
  await second.evaluate(() => window.uploadHarness.start());
  expect(await second.evaluate(() => window.uploadHarness.resume())).toEqual([id]);
  expect((await second.evaluate((id) => window.uploadHarness.outcome(id), id)).ok).toBe(true);
  await expectStoredOnce(server, made);
});

test('two tabs on the same pending queue: exactly one uploads', async ({ context }) => {
  // Retry-After: 3 keeps tab A's job pending (and its lock held) while tab B opens.
  await server.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 503, retryAfter: '3' } }]);
  const tabA = await context.newPage();
  const { made, id, outcome } = await uploadOne(tabA, 10);
  await waitForRequests(1);
  const tabB = await context.newPage();
  await openUploadHarness(tabB, server.origin);
  await tabB.evaluate(() => window.uploadHarness.start());
  expect(await tabB.evaluate(() => window.uploadHarness.resume())).toEqual([id]);
  const [a, b] = [await outcome(), await tabB.evaluate((id) => window.uploadHarness.outcome(id), id)];
  // Tab A held the job's lock and finished it; tab B found it gone.
  expect(a).toMatchObject({ ok: true, receipt: { uploadId: id } });
  expect(b).toEqual({ ok: true, receipt: null });
  expect(await uploadRequests()).toHaveLength(2);
  await expectStoredOnce(server, made);
});

test('cancel aborts the request and removes the job', async ({ page }) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'hang' } }]);
  const { id, outcome } = await uploadOne(page, 11);
  await waitForRequests(1);
  await page.evaluate((id) => window.uploadHarness.cancel(id), id);
  expect(await outcome()).toMatchObject({ ok: false, error: { code: 'ABORTED', isUploadError: true } });
  await expect.poll(() => page.evaluate(() => window.uploadHarness.list())).toEqual([]);
  expect((await server.ledger()).filter((entry) => entry.uploadId === id)).toEqual([]);
});

test('after a browser restart with a persistent profile, resumeUploads() finishes the job', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'imagespec-profile-'));
  try {
    await server.addFaults([{ route: 'uploads', fault: { kind: 'hang' } }]);
    const before = await chromium.launchPersistentContext(profile, launchOptions());
    const { made, id } = await uploadOne(before.pages()[0] ?? (await before.newPage()), 12);
    await waitForRequests(1);
    await before.close();
    const after = await chromium.launchPersistentContext(profile, launchOptions());
    const page = after.pages()[0] ?? (await after.newPage());
    await openUploadHarness(page, server.origin);
    await page.evaluate(() => window.uploadHarness.start());
    expect(await page.evaluate(() => window.uploadHarness.resume())).toEqual([id]);
    expect((await page.evaluate((id) => window.uploadHarness.outcome(id), id)).ok).toBe(true);
    await after.close();
    await expectStoredOnce(server, made);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

for (const [index, change] of (['drop-version', 'wrong-sha256'] as const).entries()) {
  test(`a receipt that ${change === 'drop-version' ? 'misses a version' : 'names a wrong SHA-256'}: the job is kept, failed with BAD_RECEIPT and its blobs; retry() completes it`, async ({
    page,
  }) => {
    await server.addFaults([{ route: 'uploads', fault: { kind: 'bad-receipt', change } }]);
    const { made, id, outcome } = await uploadOne(page, 13 + index);
    expect(await outcome()).toMatchObject({ ok: false, error: { code: 'BAD_RECEIPT', isUploadError: true } });
    expect(await page.evaluate(() => window.uploadHarness.list())).toMatchObject([
      { id, state: 'failed', error: { code: 'BAD_RECEIPT' } },
    ]);
    // Not retried on its own, and nothing was deleted: the queue holds every version's bytes.
    await page.waitForTimeout(500);
    expect(await uploadRequests()).toHaveLength(1);
    expect(await page.evaluate((id) => window.uploadHarness.blobHashes(id), id)).toEqual(made.versions);
    await page.evaluate((id) => window.uploadHarness.retry(id), id);
    expect(await outcome()).toMatchObject({ ok: true, receipt: { uploadId: id } });
    expect(await page.evaluate((id) => window.uploadHarness.blobHashes(id), id)).toBeNull();
    await expectStoredOnce(server, made);
  });
}

test('a Retry-After longer than a timer can wait (2^31 ms and more) does not fire at once: the job waits', async ({
  page,
}) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 503, retryAfter: '99999999999' } }]);
  const { id } = await uploadOne(page, 15);
  await expect.poll(async () => (await page.evaluate(() => window.uploadHarness.list()))[0]?.state).toBe('retrying');
  await page.waitForTimeout(1500);
  expect(await uploadRequests()).toHaveLength(1);
  const retrying = (await page.evaluate(() => window.uploadHarness.events())).filter(
    (event) => event.type === 'state' && event.state === 'retrying',
  );
  expect(retrying).toHaveLength(1);
  await page.evaluate((id) => window.uploadHarness.cancel(id), id);
});
