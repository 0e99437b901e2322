// Presigned PUTs straight to S3-compatible storage (s3rver), URLs signed by imagespec/server's S3
// storage with @aws-sdk/s3-request-presigner, completion recorded by the receiver.
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectStoredOnce, makeResult, openUploadHarness } from './support/upload-page.ts';
import { startS3, type S3Server } from './support/upload-s3.ts';
import { startReceiver, type ReceiverServer } from './support/upload-server.ts';

let s3: S3Server;
let server: ReceiverServer;

test.beforeAll(async () => {
  s3 = await startS3(5541);
  server = await startReceiver(5540, { s3: s3.settings });
});
test.afterAll(async () => {
  await server?.close();
  await s3?.close();
});
test.beforeEach(async () => server.resetFaults());

async function expectInBucket(made: { versions: Record<string, string> }) {
  for (const entry of (await server.ledger()).filter((entry) => entry.transport === 'presigned')) {
    if (made.versions[entry.version] !== entry.sha256) continue;
    const bytes = Buffer.from(
      await (await fetch(`${s3.settings.endpoint}/${s3.settings.bucket}/${entry.key}`)).arrayBuffer(),
    );
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
  }
}

test('presigned: every version PUT to object storage, then completed once', async ({ page }) => {
  await openUploadHarness(page, server.origin);
  const made = await makeResult(page, 40);
  await page.evaluate(() => window.uploadHarness.start({ transport: 'presigned' }));
  const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
  expect(await page.evaluate((id) => window.uploadHarness.outcome(id), id)).toMatchObject({
    ok: true,
    receipt: { uploadId: id },
  });
  await expectStoredOnce(server, made);
  await expectInBucket(made);
});

test('presigned: an expired URL is signed again once through the site callback, and the upload succeeds', async ({
  page,
}) => {
  await server.addFaults([{ route: 'presign', fault: { kind: 'expired-url' } }]);
  await openUploadHarness(page, server.origin);
  const made = await makeResult(page, 41);
  await page.evaluate(() => window.uploadHarness.start({ transport: 'presigned' }));
  const id = await page.evaluate((key) => window.uploadHarness.enqueue(key), made.key);
  expect((await page.evaluate((id) => window.uploadHarness.outcome(id), id)).ok).toBe(true);
  const signings = (await server.requests()).filter((request) => request.route === 'presign');
  // All URLs signed expired; the first PUT refused refreshes its own URL (once); the new one
  // works. The later versions' URLs expired too, and each is refreshed once in the same way.
  expect(signings[0]!.fault).toBe('expired-url');
  expect(signings.slice(1).every((request) => request.url.includes('?version='))).toBe(true);
  expect(signings).toHaveLength(1 + Object.keys(made.versions).length);
  await expectStoredOnce(server, made);
  await expectInBucket(made);
});
