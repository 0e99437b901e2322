// The tus transport against a real tus server (@tus/server with @tus/file-store, mounted by
// imagespec/server), with faults injected by a proxy in front of it.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectStoredOnce, makeResult, openUploadHarness } from './support/upload-page.ts';
import { startReceiver, type ReceiverServer } from './support/upload-server.ts';

let server: ReceiverServer;

test.beforeAll(async () => {
  server = await startReceiver(5530);
});
test.afterAll(async () => server?.close());
test.beforeEach(async () => server.resetFaults());

async function startTus(page: Page, seed: number, twins = false) {
  await openUploadHarness(page, server.origin);
  const made = await makeResult(page, seed, { twins });
  await page.evaluate(() => window.uploadHarness.start({ transport: 'tus' }));
  const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
  return { made, id, outcome: () => page.evaluate((id) => window.uploadHarness.outcome(id), id) };
}

const tusRequests = async () => (await server.requests()).filter((request) => request.url.startsWith('/api/tus'));

test('tus: one upload per version, even for two versions of the same size and type; each stored once', async ({
  page,
}) => {
  const { made, outcome } = await startTus(page, 20, true);
  expect(made.versions['thumbnailTwin']).toBe(made.versions['thumbnail']);
  expect(await outcome()).toMatchObject({ ok: true });
  const creations = (await tusRequests()).filter((request) => request.method === 'POST');
  expect(creations).toHaveLength(4);
  const patched = new Set(
    (await tusRequests()).filter((request) => request.method === 'PATCH').map((request) => request.url),
  );
  expect(patched.size).toBe(4);
  await expectStoredOnce(server, made);
});

test("tus: the connection cut mid-PATCH resumes from the server's offset", async ({ page }) => {
  await server.addFaults([{ route: 'tus-patch', fault: { kind: 'cut', afterBytes: 2000 } }]);
  const { made, outcome } = await startTus(page, 21);
  const result = await outcome();
  expect(result.ok).toBe(true);
  const requests = await tusRequests();
  const cut = requests.find((request) => request.fault === 'cut')!;
  const after = requests.slice(requests.indexOf(cut) + 1).filter((request) => request.url === cut.url);
  // The client asked where to go on (HEAD) and went on from there, not from zero.
  const head = after.findIndex((request) => request.method === 'HEAD');
  expect(head).toBeGreaterThanOrEqual(0);
  const resumed = after.slice(head).find((request) => request.method === 'PATCH')!;
  expect(resumed.uploadOffset).toBeGreaterThan(0);
  expect(resumed.uploadOffset).toBeLessThanOrEqual(2000);
  await expectStoredOnce(server, made);
});

test('tus: cancel deletes the upload on the server', async ({ page }) => {
  await server.addFaults([{ route: 'tus-patch', fault: { kind: 'status', status: 503, retryAfter: '30' } }]);
  const { id, outcome } = await startTus(page, 22);
  await expect.poll(async () => (await page.evaluate(() => window.uploadHarness.list()))[0]?.state).toBe('retrying');
  const created = (await tusRequests()).find((request) => request.method === 'PATCH')!.url;
  await page.evaluate((id) => window.uploadHarness.cancel(id), id);
  expect(await outcome()).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
  await expect
    .poll(async () => (await tusRequests()).some((request) => request.method === 'DELETE' && request.url === created))
    .toBe(true);
  // The DELETE was logged when it arrived: the HEAD waits for it to be done.
  await expect
    .poll(
      async () =>
        (await fetch(server.origin + created, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } })).status,
    )
    .toBe(404);
  const uploadId = created.split('/').pop()!;
  expect((await readdir(join(server.dir, '.tus'))).filter((name) => name.startsWith(uploadId))).toEqual([]);
  // Cancelling through the signal removes the job right after its tus uploads are deleted.
  await expect.poll(() => page.evaluate(() => window.uploadHarness.list())).toEqual([]);
});

test('tus: a finish answered without a receipt fails the job with BAD_RECEIPT, keeping it; retry() gets the receipt from a HEAD', async ({
  page,
}) => {
  await server.addFaults([{ route: 'tus-patch', fault: { kind: 'bad-receipt', change: 'no-receipt' } }]);
  const { made, id, outcome } = await startTus(page, 23);
  expect(await outcome()).toMatchObject({ ok: false, error: { code: 'BAD_RECEIPT' } });
  expect(await page.evaluate((id) => window.uploadHarness.blobHashes(id), id)).toEqual(made.versions);
  const patches = (await tusRequests()).filter((request) => request.method === 'PATCH').length;
  await page.evaluate((id) => window.uploadHarness.retry(id), id);
  expect(await outcome()).toMatchObject({ ok: true, receipt: { uploadId: id } });
  // Resumed by HEAD: no byte sent again.
  expect((await tusRequests()).filter((request) => request.method === 'PATCH')).toHaveLength(patches);
  await expectStoredOnce(server, made);
});
