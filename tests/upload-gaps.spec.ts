// The uploader's documented behaviours upload.spec.ts does not reach: the retry limit and the
// last error's code, Retry-After pausing every job of the tab, version-N part names, custom
// headers and credentials, the in-memory queue without IndexedDB, tus resuming after a reload
// or in another tab, and the headers stored files are served with. Against the real receiver
// (and, where the request itself is the point, an endpoint that records what reached it).
import { expect, test, type Page } from '@playwright/test';
import type { HarnessUploaderOptions } from './pages/upload-harness.ts';
import { serveBytes } from './support/page.ts';
import { startRecordingEndpoint, type RecordingEndpoint } from './support/recording-endpoint.ts';
import { manifestFor, postMultipart, type RawPart } from './support/upload-multipart.ts';
import { expectStoredOnce, makeResult, openUploadHarness, testPhoto } from './support/upload-page.ts';
import { startReceiver, type ReceiverServer } from './support/upload-server.ts';

let server: ReceiverServer;
let recorder: RecordingEndpoint;

test.beforeAll(async () => {
  server = await startReceiver();
  recorder = await startRecordingEndpoint();
});
test.afterAll(async () => {
  await server?.close();
  await recorder?.close();
});
test.beforeEach(async () => server.resetFaults());

/** Opens the harness, makes the test photo `seed`, starts an uploader and enqueues it. */
async function startUpload(page: Page, seed: number, options: HarnessUploaderOptions = {}) {
  await openUploadHarness(page, server.origin);
  const made = await makeResult(page, seed);
  await page.evaluate((options) => window.uploadHarness.start(options), options);
  const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
  return { made, id, outcome: () => page.evaluate((id) => window.uploadHarness.outcome(id), id) };
}

async function requestsOf(id: string) {
  return (await server.requests()).filter((request) => request.idempotencyKey === id);
}

const stateOf = async (page: Page, id: string) =>
  (await page.evaluate(() => window.uploadHarness.list())).find((job) => job.id === id)?.state;

test('after retry.retries retries the job fails with the last error, and nothing more is sent', async ({ page }) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 500 }, times: 10 }]);
  const { id, outcome } = await startUpload(page, 60, { retry: { retries: 2, baseDelay: 50, maxDelay: 200 } });
  expect(await outcome()).toMatchObject({ ok: false, error: { code: 'HTTP_ERROR', status: 500 } });
  await page.waitForTimeout(1_000);
  expect(await requestsOf(id)).toHaveLength(3);
  expect(await page.evaluate(() => window.uploadHarness.list())).toMatchObject([{ id, state: 'failed', attempts: 3 }]);
});

test('a connection cut on every try ends in NETWORK_ERROR, a server that never answers in TIMEOUT', async ({
  page,
}) => {
  // Chromium itself may resend a POST cut on a reused connection: more cuts than tries.
  await server.addFaults([{ route: 'uploads', fault: { kind: 'cut', afterBytes: 1_000 }, times: 10 }]);
  const cut = await startUpload(page, 61, { retry: { retries: 1, baseDelay: 50 } });
  expect(await cut.outcome()).toMatchObject({ ok: false, error: { code: 'NETWORK_ERROR', isUploadError: true } });

  await server.addFaults([{ route: 'uploads', fault: { kind: 'hang' } }]);
  const hung = await startUpload(page, 62, { retry: { retries: 0, timeout: 700 } });
  expect(await hung.outcome()).toMatchObject({ ok: false, error: { code: 'TIMEOUT', isUploadError: true } });
});

test('a Retry-After on one job holds back every job of the tab', async ({ page }) => {
  await server.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 503, retryAfter: '3' } }]);
  const first = await startUpload(page, 63, { retry: { baseDelay: 50, maxDelay: 200 } });
  await expect.poll(() => stateOf(page, first.id)).toBe('retrying');
  // A second image, added while the server asked the tab to wait: its first try waits too.
  const second = await makeResult(page, 64);
  const secondId = await page.evaluate((key) => window.uploadHarness.enqueue(key), second.key);
  expect(await first.outcome()).toMatchObject({ ok: true });
  expect(await page.evaluate((id) => window.uploadHarness.outcome(id), secondId)).toMatchObject({ ok: true });
  const [refused] = await requestsOf(first.id);
  const [secondTry] = await requestsOf(secondId);
  console.log(`Retry-After: 3 on job 1; job 2's first request ${secondTry!.at - refused!.at} ms after the 503`);
  expect(secondTry!.at - refused!.at).toBeGreaterThanOrEqual(2_900);
  await expectStoredOnce(server, first.made);
  await expectStoredOnce(server, second);
});

/** A raw result whose versions carry these names, each a small real JPEG. */
async function resultWithVersions(page: Page, names: string[]) {
  const parts: Record<string, { url: string; type: string }> = {};
  for (const [index, name] of names.entries())
    parts[name] = { url: await serveBytes(page, await testPhoto(70 + index, 64, 48)), type: 'image/jpeg' };
  return page.evaluate((parts) => window.uploadHarness.makeRawResult('names.jpg', parts), parts);
}

const AWKWARD_NAMES = ['thumbnail', 'thumb nail', 'größe', 'x'.repeat(65)];

test('versions named outside [A-Za-z0-9_-]{1,64} travel as version-N parts', async ({ page }) => {
  await openUploadHarness(page, server.origin);
  const made = await resultWithVersions(page, AWKWARD_NAMES);
  await page.evaluate((endpoint) => window.uploadHarness.start({ endpoint }), recorder.url);
  const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
  expect(await page.evaluate((id) => window.uploadHarness.outcome(id), id)).toMatchObject({ ok: true });
  const sent = recorder.requests().find((request) => request.manifest?.uploadId === id)!;
  expect(sent.fields).toEqual(['manifest', 'thumbnail', 'version-1', 'version-2', 'version-3']);
  // The manifest maps each name to its part.
  expect(Object.fromEntries(Object.entries(sent.manifest!.versions).map(([name, { part }]) => [name, part]))).toEqual({
    thumbnail: 'thumbnail',
    'thumb nail': 'version-1',
    größe: 'version-2',
    ['x'.repeat(65)]: 'version-3',
  });
});

test('the receiver stores versions sent as version-N parts under their names', async ({ page }) => {
  await openUploadHarness(page, server.origin);
  const made = await resultWithVersions(page, AWKWARD_NAMES);
  await page.evaluate(() => window.uploadHarness.start());
  const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
  const outcome = await page.evaluate((id) => window.uploadHarness.outcome(id), id);
  if (!outcome.ok) throw new Error(`upload failed: ${outcome.error.code}: ${outcome.error.message}`);
  // The receipt names each version as the site named it, and the ledger holds each once.
  expect(Object.keys(outcome.receipt!.versions).sort()).toEqual([...AWKWARD_NAMES].sort());
  await expectStoredOnce(server, made);
});

test('custom headers reach the endpoint; cookies go cross-origin only with withCredentials', async ({
  page,
  context,
}) => {
  await context.addCookies([{ name: 'session', value: 'c00kie', url: recorder.url }]);
  await openUploadHarness(page, server.origin);
  const upload = async (seed: number, options: HarnessUploaderOptions) => {
    const made = await makeResult(page, seed);
    await page.evaluate((options) => window.uploadHarness.start(options), options);
    const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
    expect(await page.evaluate((id) => window.uploadHarness.outcome(id), id)).toMatchObject({ ok: true });
    return recorder.requests().find((request) => request.method === 'POST' && request.manifest?.uploadId === id)!;
  };
  const headers = { 'X-CSRF-Token': 't0k3n' };
  const withCookies = await upload(80, { endpoint: recorder.url, headers, withCredentials: true });
  expect(withCookies.headers['x-csrf-token']).toBe('t0k3n');
  expect(withCookies.headers.cookie).toBe('session=c00kie');
  const withoutCookies = await upload(81, { endpoint: recorder.url, headers });
  expect(withoutCookies.headers['x-csrf-token']).toBe('t0k3n');
  expect(withoutCookies.headers.cookie).toBeUndefined();

  // tus sends them on every request too.
  const tusHeaders: (string | undefined)[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/tus')) tusHeaders.push(request.headers()['x-csrf-token']);
  });
  await upload(82, { transport: 'tus', headers });
  expect(tusHeaders.length).toBeGreaterThanOrEqual(6); // a POST and a PATCH per version
  expect(new Set(tusHeaders)).toEqual(new Set(['t0k3n']));
});

test('without IndexedDB the queue lives in memory: uploads work, and do not survive the tab', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
  await server.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 503, retryAfter: '1' } }]);
  const { made, id, outcome } = await startUpload(page, 90, { retry: { baseDelay: 50 } });
  await expect.poll(() => stateOf(page, id)).toBe('retrying');
  expect(await outcome()).toMatchObject({ ok: true });
  await expectStoredOnce(server, made);
  expect(await page.evaluate(() => window.uploadHarness.list())).toEqual([]);

  // A job cut short by a reload is gone with the tab.
  await server.addFaults([{ route: 'uploads', fault: { kind: 'hang' } }]);
  const pending = await startUpload(page, 91);
  await expect.poll(async () => (await requestsOf(pending.id)).length).toBe(1);
  await openUploadHarness(page, server.origin);
  await page.evaluate(() => window.uploadHarness.start());
  expect(await page.evaluate(() => window.uploadHarness.resume())).toEqual([]);
});

/**
 * Starts a tus upload whose first PATCH is cut after 2000 bytes, with a retry far off: the job
 * waits, its upload URL saved, for another page to resume it.
 */
async function tusCutShort(page: Page, seed: number) {
  await server.addFaults([{ route: 'tus-patch', fault: { kind: 'cut', afterBytes: 2_000 } }]);
  const started = await startUpload(page, seed, { transport: 'tus', retry: { baseDelay: 60_000, maxDelay: 60_000 } });
  await expect.poll(() => stateOf(page, started.id)).toBe('retrying');
  const cut = (await server.requests()).find((request) => request.fault === 'cut')!;
  return { ...started, cutUrl: cut.url };
}

/** The new page finishes the job from the server's offset: no second creation, a HEAD, then a PATCH past 0. */
async function expectResumedFromOffset(page: Page, id: string, cutUrl: string) {
  expect(await page.evaluate((id) => window.uploadHarness.outcome(id), id)).toMatchObject({ ok: true });
  const tus = (await server.requests()).filter((request) => request.url.startsWith('/api/tus'));
  expect(tus.filter((request) => request.method === 'POST')).toHaveLength(3);
  const after = tus.slice(tus.findIndex((request) => request.fault === 'cut') + 1).filter((r) => r.url === cutUrl);
  const head = after.findIndex((request) => request.method === 'HEAD');
  expect(head, 'a HEAD for the offset').toBeGreaterThanOrEqual(0);
  const resumed = after.slice(head).find((request) => request.method === 'PATCH')!;
  expect(resumed.uploadOffset).toBeGreaterThan(0);
}

test('tus: a reload resumes each version from the server offset', async ({ page }) => {
  const { made, id, cutUrl } = await tusCutShort(page, 95);
  await openUploadHarness(page, server.origin);
  await page.evaluate(() => window.uploadHarness.start({ transport: 'tus' }));
  expect(await page.evaluate(() => window.uploadHarness.resume())).toEqual([id]);
  await expectResumedFromOffset(page, id, cutUrl);
  await expectStoredOnce(server, made);
});

test('tus: another tab takes over from the server offset when the first tab closes', async ({ context }) => {
  const first = await context.newPage();
  const { made, id, cutUrl } = await tusCutShort(first, 96);
  const second = await context.newPage();
  await openUploadHarness(second, server.origin);
  await second.evaluate(() => window.uploadHarness.start({ transport: 'tus' }));
  // The first tab holds the job's lock; the second waits for it.
  expect(await second.evaluate(() => window.uploadHarness.resume())).toEqual([id]);
  await first.close();
  await expectResumedFromOffset(second, id, cutUrl);
  await expectStoredOnce(server, made);
});

test('a result without versions is refused with INVALID_INPUT', async ({ page }) => {
  await openUploadHarness(page, server.origin);
  const empty = await page.evaluate(() => window.uploadHarness.makeRawResult('none.jpg', {}));
  await page.evaluate(() => window.uploadHarness.start());
  const code = await page.evaluate(
    (key) =>
      window.uploadHarness.enqueue(key).then(
        () => 'queued',
        (error: { code?: string }) => error.code,
      ),
    empty.key,
  );
  expect(code).toBe('INVALID_INPUT');
});

test('stored files are served as their type, never sniffed, under a CSP that runs nothing', async () => {
  const photo = await testPhoto(99, 64, 48);
  const parts: RawPart[] = [{ version: 'original', filename: 'p.jpg', type: 'image/jpeg', data: photo }];
  const answer = await postMultipart(server.origin, 'csp-check', manifestFor('csp-check', 'p.jpg', parts), parts);
  expect(answer.status).toBe(201);
  const { key } = (JSON.parse(answer.body) as { versions: Record<string, { key: string }> }).versions['original']!;
  const response = await fetch(`${server.origin}/api/${key}`);
  expect(response.status).toBe(200);
  expect(Buffer.from(await response.arrayBuffer()).equals(photo)).toBe(true);
  expect(response.headers.get('content-type')).toBe('image/jpeg');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
});
