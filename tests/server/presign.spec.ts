// Presigned uploads against S3-compatible storage (s3rver, in this process): URLs that sign the
// type, the size and the SHA-256; a completion that copies each object to a key only the receiver
// writes and checks the copy by streaming it; no signing once complete. s3rver checks no V4
// signature, so a PUT it accepts may still lie: the receiver's own checks are what these test.
import { expect, test } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createS3Storage, type UploadStorage } from '../../server/index.ts';
import { exampleUpload, failOnUncaught, receiverForTests, type ExampleUpload } from '../support/receiver-harness.ts';
import { manifestFor, type RawPart } from '../support/upload-multipart.ts';
import { startS3, type S3Server } from '../support/upload-s3.ts';

let s3: S3Server;
let storage: UploadStorage;
failOnUncaught();
test.beforeAll(async () => {
  s3 = await startS3();
  const { endpoint, bucket, region, accessKeyId, secretAccessKey } = s3.settings;
  storage = createS3Storage({ endpoint, bucket, region, credentials: { accessKeyId, secretAccessKey } });
});
test.afterAll(async () => s3?.close());
const receiver = receiverForTests(() => ({ storage }));

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface Signed {
  urls: Record<string, { url: string; headers: Record<string, string> }>;
}

async function api(path: string, body: unknown): Promise<Response> {
  return fetch(`${receiver.origin}/api/presign${path}`, { method: 'POST', body: JSON.stringify(body) });
}

async function put(signed: Signed, version: string, data: Buffer, headers: Record<string, string> = {}) {
  const { url, headers: signedHeaders } = signed.urls[version]!;
  return fetch(url, { method: 'PUT', body: new Uint8Array(data), headers: { ...signedHeaders, ...headers } });
}

async function object(key: string): Promise<Buffer | null> {
  const stored = await storage.get(key);
  if (!stored) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stored.body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function presignAll(upload: ExampleUpload): Promise<Signed> {
  const response = await api('', { manifest: upload.manifest });
  expect(response.status).toBe(200);
  return (await response.json()) as Signed;
}

test('each URL signs the type, the size and the SHA-256 the manifest declares', async () => {
  const upload = await exampleUpload(900);
  const signed = await presignAll(upload);
  for (const part of upload.parts) {
    const { url, headers } = signed.urls[part.version]!;
    const query = new URL(url).searchParams;
    expect(query.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;x-amz-checksum-sha256');
    expect(query.get('X-Amz-Expires')).toBe('900');
    expect(new URL(url).pathname).toMatch(/\/incoming\/[0-9a-f-]{36}\.(jpg|png)$/);
    expect(headers).toEqual({
      'Content-Type': part.type,
      'x-amz-checksum-sha256': createHash('sha256').update(part.data).digest('base64'),
    });
  }
});

test('PUT every version, then complete: stored under keys only the receiver writes, with the verified type; replayed after', async () => {
  const upload = await exampleUpload(901);
  const signed = await presignAll(upload);
  // A lying Content-Type on the PUT (s3rver takes it): the stored object gets the verified one.
  for (const part of upload.parts)
    expect((await put(signed, part.version, part.data, { 'Content-Type': 'text/html' })).status).toBe(200);
  const completed = await api('/complete', { manifest: upload.manifest });
  expect(completed.status).toBe(201);
  const receipt = (await completed.json()) as { versions: Record<string, { key: string; sha256: string }> };
  for (const part of upload.parts) {
    const { key } = receipt.versions[part.version]!;
    expect(key).toMatch(/^files\//);
    expect(sha256((await object(key))!)).toBe(sha256(part.data));
    const head = await fetch(`${s3.settings.endpoint}/${s3.settings.bucket}/${key}`, { method: 'HEAD' });
    expect(head.headers.get('content-type')).toBe(part.type);
    // The incoming copy is gone.
    expect(await object(key.replace('files/', 'incoming/'))).toBeNull();
  }
  const replay = await api('/complete', { manifest: upload.manifest });
  expect(replay.status).toBe(201);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(await replay.json()).toEqual(receipt);
});

test('a completed upload is not signed again, and a URL signed before completion cannot change what was stored', async () => {
  const upload = await exampleUpload(902);
  const signed = await presignAll(upload);
  for (const part of upload.parts) await put(signed, part.version, part.data);
  const receipt = (await (await api('/complete', { manifest: upload.manifest })).json()) as {
    versions: Record<string, { key: string }>;
  };
  const again = await api('', { manifest: upload.manifest });
  expect(again.status).toBe(409);
  expect(await again.json()).toMatchObject({ error: 'ALREADY_COMPLETE' });
  // The old URL still works at the store, but it writes to incoming/, never to the stored key.
  const original = upload.parts.find((part) => part.version === 'original')!;
  expect((await put(signed, 'original', Buffer.alloc(original.data.length, 0x41))).status).toBe(200);
  expect(sha256((await object(receipt.versions['original']!.key))!)).toBe(sha256(original.data));
  expect((await api('/complete', { manifest: upload.manifest })).status).toBe(201);
});

test('bytes that are not what the manifest says (s3rver took them): complete refuses, nothing is recorded or kept', async () => {
  const upload = await exampleUpload(903);
  const signed = await presignAll(upload);
  const [first, ...rest] = upload.parts;
  await put(
    signed,
    first!.version,
    Buffer.from('<!doctype html><script>alert(1)</script>'.padEnd(first!.data.length, ' ')),
  );
  for (const part of rest) await put(signed, part.version, part.data);
  const refused = await api('/complete', { manifest: upload.manifest });
  expect(refused.status).toBe(415);
  expect(await refused.json()).toMatchObject({ error: 'TYPE_MISMATCH' });
  const record = (await receiver.records()).find((candidate) => candidate.uploadId === upload.key)!;
  expect(record.state).toBe('pending');
  expect(await object(record.versions[first!.version]!.key)).toBeNull();
  // Too many bytes for its declared size: 422.
  const other = await exampleUpload(904);
  const otherSigned = await presignAll(other);
  for (const part of other.parts) await put(otherSigned, part.version, Buffer.concat([part.data, Buffer.alloc(10, 1)]));
  const tooLong = await api('/complete', { manifest: other.manifest });
  expect(tooLong.status).toBe(422);
  expect(await tooLong.json()).toMatchObject({ error: 'CHECKSUM_MISMATCH' });
});

test('complete checks a 24 MiB object by streaming it: the process never holds it whole', async () => {
  const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(24 * 1024 * 1024 - 4)]);
  const part: RawPart = { version: 'original', filename: 'original', type: 'image/jpeg', data };
  const manifest = manifestFor('streaming-check-1', 'big.jpg', [part]);
  const signed = (await (await api('', { manifest })).json()) as Signed;
  expect((await put(signed, 'original', data)).status).toBe(200);
  // Memory held, not garbage waiting for a collection: a sample over a quarter of the bound is
  // taken again after a full collection (only then, so the check stays fast).
  const bound = 12 * 1024 * 1024;
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  collect();
  const baseline = process.memoryUsage().arrayBuffers;
  const held = () => {
    const now = process.memoryUsage().arrayBuffers;
    if (now - baseline < bound / 4) return now;
    collect();
    return process.memoryUsage().arrayBuffers;
  };
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, held())), 2);
  const completed = await api('/complete', { manifest });
  clearInterval(sampler);
  expect(completed.status).toBe(201);
  console.log(
    `complete of a 24 MiB object: buffers held grew by at most ${((peak - baseline) / 1048576).toFixed(1)} MiB`,
  );
  expect(peak - baseline).toBeLessThan(bound);
});
