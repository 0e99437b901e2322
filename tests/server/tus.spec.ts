// imagespec/server's tus endpoint (@tus/server inside), attacked from Node: a finished upload is
// called complete only once stored, refused uploads go, GET never serves bytes, each upload
// answers only to whoever created it, CORS is off, abandoned uploads expire. No browser.
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDiskStorage, type UploadStorage } from '../../server/index.ts';
import { rawRequest } from '../support/raw-http.ts';
import {
  exampleUpload,
  startTestReceiver,
  failOnUncaught,
  receiverForTests,
  type ExampleUpload,
  type TestReceiver,
} from '../support/receiver-harness.ts';
import { tusClient } from '../support/tus-node.ts';

const uncaught = failOnUncaught();
const receiver = receiverForTests();
const tus = () => tusClient(receiver.origin);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Creates and sends one version; answers the upload URL and the last PATCH's answer. */
async function sendVersion(target: TestReceiver, upload: ExampleUpload, version: string, data?: Buffer) {
  const client = tusClient(target.origin);
  const part = upload.parts.find((candidate) => candidate.version === version)!;
  const created = await client.create(upload.manifest, version, part.data.length);
  expect(created.status, await created.clone().text()).toBe(201);
  const url = created.headers.get('location')!;
  const patched = await client.patch(url, 0, data ?? part.data);
  return { url, patched, part };
}

test('bytes refused at finish (HTML as a JPEG): 415, and the upload is gone, so a resume can never "complete" it', async () => {
  const upload = await exampleUpload(500);
  const filesBefore = await receiver.files();
  const original = upload.parts.find((part) => part.version === 'original')!;
  const html = Buffer.concat([
    Buffer.from('<!doctype html><script>alert(1)</script>'),
    Buffer.alloc(original.data.length - 40, 32),
  ]);
  upload.manifest.versions['original']!.sha256 = sha256(html);
  const { url, patched } = await sendVersion(receiver, upload, 'original', html);
  expect(patched.status).toBe(415);
  expect(await patched.json()).toMatchObject({ error: 'TYPE_MISMATCH' });
  expect((await tus().head(url)).status).toBe(404);
  const record = (await receiver.records()).find((candidate) => candidate.uploadId === upload.key);
  expect(record?.versions['original']?.stored).toBe(false);
  expect(await receiver.files()).toEqual(filesBefore);
  expect((await readdir(join(receiver.dir, '.tus'))).filter((name) => name.startsWith(url.split('/').pop()!))).toEqual(
    [],
  );
});

test('a finish that fails in storage (500) leaves the upload not complete: the next HEAD stores it and answers its receipt', async () => {
  let failures = 1;
  const dir = join(receiver.dir, '..', `flaky-${Date.now()}`);
  const disk = createDiskStorage({ dir });
  const flaky: UploadStorage = {
    ...disk,
    put: async (key, file) => {
      if (failures-- > 0) throw new Error('storage unavailable');
      return disk.put(key, file);
    },
  };
  const errors: unknown[] = [];
  const target = await startTestReceiver({ dir, storage: flaky, onError: (error) => errors.push(error) });
  try {
    const upload = await exampleUpload(501);
    const { url, patched, part } = await sendVersion(target, upload, 'thumbnail');
    expect(patched.status).toBe(500);
    expect(errors).toHaveLength(1);
    expect((await target.records())[0]!.versions['thumbnail']!.stored).toBe(false);
    const head = await tusClient(target.origin).head(url);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(part.data.length));
    const receipt = JSON.parse(head.headers.get('upload-receipt')!) as { key: string; sha256: string; bytes: number };
    expect(receipt).toMatchObject({ sha256: sha256(part.data), bytes: part.data.length });
    expect(sha256(await readFile(join(dir, receipt.key)))).toBe(sha256(part.data));
    expect((await target.records())[0]!.versions['thumbnail']!.stored).toBe(true);
  } finally {
    await target.close();
  }
});

test('every version through tus: stored once; 30 GETs of the finished uploads get 405 and the process stays up', async () => {
  const upload = await exampleUpload(502);
  const urls: string[] = [];
  for (const part of upload.parts) {
    const { url, patched } = await sendVersion(receiver, upload, part.version);
    expect(patched.status).toBe(204);
    expect(JSON.parse(patched.headers.get('upload-receipt')!)).toMatchObject({ sha256: sha256(part.data) });
    urls.push(url);
  }
  const [record] = (await receiver.records()).filter((candidate) => candidate.uploadId === upload.key);
  expect(record?.state).toBe('complete');
  for (let index = 0; index < 30; index++) {
    const response = await fetch(receiver.origin + urls[index % urls.length]);
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ error: 'METHOD_NOT_ALLOWED' });
  }
  expect(uncaught.errors).toEqual([]);
  // A resume of a finished upload is told it is complete, with its receipt; HEAD echoes no manifest.
  const head = await tus().head(urls[0]!);
  expect(head.status).toBe(200);
  expect(head.headers.get('upload-metadata')).toBeNull();
  expect(head.headers.get('upload-receipt')).toContain(record!.versions['thumbnail']!.key);
  // A finished upload cannot be terminated through tus (it is stored: DELETE /api/uploads/:id is the way).
  expect((await tus().request('DELETE', urls[0]!)).status).toBe(400);
  expect((await receiver.records()).find((candidate) => candidate.uploadId === upload.key)?.state).toBe('complete');
});

test('an upload answers only to whoever created it: another caller gets 404 for HEAD, PATCH and DELETE; no caller gets 403', async () => {
  const upload = await exampleUpload(503);
  const part = upload.parts[0]!;
  const created = await tus().create(upload.manifest, part.version, part.data.length);
  const url = created.headers.get('location')!;
  const bob = tusClient(receiver.origin, 'bob');
  expect((await bob.head(url)).status).toBe(404);
  expect((await bob.patch(url, 0, part.data)).status).toBe(404);
  expect((await bob.request('DELETE', url)).status).toBe(404);
  const nobody = tusClient(receiver.origin, 'nobody');
  expect((await nobody.head(url)).status).toBe(403);
  expect((await nobody.create(upload.manifest, part.version, part.data.length)).status).toBe(403);
  // The creator still can.
  expect((await tus().patch(url, 0, part.data)).status).toBe(204);
});

test('CORS is off unless configured: no Access-Control-Allow-Origin for any origin; a configured origin only', async () => {
  const upload = await exampleUpload(504);
  const part = upload.parts[0]!;
  const preflight = await fetch(`${receiver.origin}/api/tus/`, {
    method: 'OPTIONS',
    headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
  });
  expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  const created = await fetch(`${receiver.origin}/api/tus/`, {
    method: 'POST',
    headers: { Origin: 'https://evil.example', 'Tus-Resumable': '1.0.0' },
  });
  expect(created.headers.get('access-control-allow-origin')).toBeNull();
  const list = await fetch(`${receiver.origin}/api/uploads`, { headers: { Origin: 'https://evil.example' } });
  expect(list.headers.get('access-control-allow-origin')).toBeNull();
  const open = await startTestReceiver({ cors: { origins: ['https://app.example'] } });
  try {
    const allowed = await tusClient(open.origin).request('POST', '/api/tus/', {
      Origin: 'https://app.example',
      'Upload-Length': String(part.data.length),
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await fetch(`${open.origin}/api/uploads`, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const uploads = await fetch(`${open.origin}/api/uploads`, { headers: { Origin: 'https://app.example' } });
    expect(uploads.headers.get('access-control-allow-origin')).toBe('https://app.example');
  } finally {
    await open.close();
  }
});

test('abandoned uploads expire: after expireAfterMs a HEAD gets 410 and the sweep removes the files and the pending record', async () => {
  const target = await startTestReceiver({ limits: { expireAfterMs: 400 } });
  try {
    const upload = await exampleUpload(505);
    const part = upload.parts[0]!;
    const client = tusClient(target.origin);
    const url = (await client.create(upload.manifest, part.version, part.data.length)).headers.get('location')!;
    expect((await client.patch(url, 0, part.data.subarray(0, 1000))).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await client.head(url)).status).toBe(410);
    await target.receiver.sweep();
    expect(await readdir(join(target.dir, '.tus'))).toEqual([]);
    expect(await target.records()).toEqual([]);
  } finally {
    await target.close();
  }
});

test('PATCHes cut at 16 points: the offset never runs ahead of the bytes, each resume goes on from it, the version is stored once', async () => {
  const upload = await exampleUpload(506);
  const part = upload.parts.find((candidate) => candidate.version === 'original')!;
  const client = tus();
  const url = (await client.create(upload.manifest, 'original', part.data.length)).headers.get('location')!;
  for (let point = 1; point <= 16; point++) {
    const head = await client.head(url);
    const offset = Number(head.headers.get('upload-offset'));
    const cut = Math.floor((part.data.length * point) / 17);
    if (cut <= offset) continue;
    const requestHead = [
      `PATCH ${url} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Tus-Resumable: 1.0.0',
      `Upload-Offset: ${offset}`,
      'Content-Type: application/offset+octet-stream',
      `Content-Length: ${part.data.length - offset}`,
    ].join('\r\n');
    await rawRequest(receiver.port, requestHead, part.data.subarray(offset), { cutAfter: cut - offset });
    // The lock of the cut PATCH may outlive it for a moment (@tus/server drains it).
    await expect.poll(async () => (await client.head(url)).status, { timeout: 5000 }).toBe(200);
    const after = Number((await client.head(url)).headers.get('upload-offset'));
    expect(after, `cut at ${cut}`).toBeGreaterThanOrEqual(offset);
    expect(after, `cut at ${cut}`).toBeLessThanOrEqual(cut);
  }
  const offset = Number((await client.head(url)).headers.get('upload-offset'));
  // The cut PATCHes did get somewhere: the resume starts past the middle.
  expect(offset).toBeGreaterThan(part.data.length / 2);
  const last = await client.patch(url, offset, part.data.subarray(offset));
  expect(last.status).toBe(204);
  const record = (await receiver.records()).find((candidate) => candidate.uploadId === upload.key)!;
  expect(sha256(await readFile(join(receiver.dir, record.versions['original']!.key)))).toBe(sha256(part.data));
  expect(uncaught.errors).toEqual([]);
});
