// The routes the demo (and any site) builds on: the list of stored uploads, one upload, deleting
// one (files and record), and stored files served so that no browser runs them. Plus the SQLite
// ledger shared by several receiver processes. From Node, no browser.
import { expect, test } from '@playwright/test';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAuthorize, type UploadSummary } from '../../server/index.ts';
import { spawnReceiver } from '../support/child-receiver.ts';
import { rawRequest, uploadHead } from '../support/raw-http.ts';
import {
  exampleUpload,
  startTestReceiver,
  failOnUncaught,
  receiverForTests,
  type ExampleUpload,
} from '../support/receiver-harness.ts';

failOnUncaught();
const receiver = receiverForTests();

function post(port: number, upload: ExampleUpload, user?: string) {
  return rawRequest(
    port,
    uploadHead({
      key: upload.key,
      contentType: upload.contentType,
      length: upload.body.length,
      ...(user ? { user } : {}),
    }),
    upload.body,
  );
}

const as = (user: string) => ({ headers: { 'X-User': user } });

test('GET /api/uploads lists the caller’s stored uploads: versions with keys, sizes, types and URLs, the source, the time', async () => {
  const upload = await exampleUpload(800);
  const before = Date.now();
  expect((await post(receiver.port, upload)).response?.status).toBe(201);
  expect((await post(receiver.port, await exampleUpload(801), 'bob')).response?.status).toBe(201);
  const response = await fetch(`${receiver.origin}/api/uploads`, as('alice'));
  expect(response.headers.get('cache-control')).toBe('no-store');
  const { uploads } = (await response.json()) as { uploads: UploadSummary[] };
  const mine = uploads.find((candidate) => candidate.uploadId === upload.key)!;
  expect(uploads.every((candidate) => candidate.uploadId !== 'upload-801-00000000')).toBe(true);
  expect(mine.source).toMatchObject({ name: 'photo-800.jpg', bytes: upload.manifest.source.bytes });
  expect(Date.parse(mine.createdAt)).toBeGreaterThanOrEqual(before - 1000);
  for (const part of upload.parts) {
    expect(mine.versions[part.version]).toMatchObject({
      type: part.type,
      bytes: part.data.length,
      key: expect.stringMatching(/^files\/[0-9a-f-]{36}\.(jpg|png)$/),
      url: expect.stringMatching(/^\/api\/files\//),
    });
  }
  const one = await fetch(`${receiver.origin}/api/uploads/${upload.key}`, as('alice'));
  expect(await one.json()).toEqual(mine);
  // Another caller does not see it.
  expect((await fetch(`${receiver.origin}/api/uploads/${upload.key}`, as('bob'))).status).toBe(404);
});

test('DELETE /api/uploads/:id removes the files and the record; the same upload can then be stored again', async () => {
  const upload = await exampleUpload(802);
  expect((await post(receiver.port, upload)).response?.status).toBe(201);
  const summary = (await (
    await fetch(`${receiver.origin}/api/uploads/${upload.key}`, as('alice'))
  ).json()) as UploadSummary;
  const keys = Object.values(summary.versions).map((version) => version.key);
  expect(
    (await fetch(`${receiver.origin}/api/uploads/${upload.key}`, { method: 'DELETE', headers: { 'X-User': 'bob' } }))
      .status,
  ).toBe(404);
  expect(
    (await fetch(`${receiver.origin}/api/uploads/${upload.key}`, { method: 'DELETE', headers: { 'X-User': 'alice' } }))
      .status,
  ).toBe(204);
  const files = await receiver.files();
  for (const key of keys) expect(files).not.toContain(key);
  expect((await fetch(`${receiver.origin}/api/uploads/${upload.key}`, as('alice'))).status).toBe(404);
  expect((await fetch(`${receiver.origin}${summary.versions['original']!.url}`)).status).toBe(404);
  const again = await post(receiver.port, upload);
  expect(again.response?.status).toBe(201);
  expect(again.response?.headers['idempotent-replayed']).toBeUndefined();
});

test('with the default authorize hook, anyone may upload and read, nobody may list or delete', async () => {
  const target = await startTestReceiver({ authorize: defaultAuthorize });
  try {
    const upload = await exampleUpload(803);
    const stored = await post(target.port, upload);
    expect(stored.response?.status).toBe(201);
    const { versions } = JSON.parse(stored.response!.body) as { versions: Record<string, { url: string }> };
    expect((await fetch(target.origin + versions['original']!.url)).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/api/uploads'],
      ['GET', `/api/uploads/${upload.key}`],
      ['DELETE', `/api/uploads/${upload.key}`],
    ] as const) {
      const response = await fetch(target.origin + path, { method });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'FORBIDDEN' });
    }
  } finally {
    await target.close();
  }
});

test('stored files are served with their sniffed type, nosniff and a sandboxing CSP; bytes that are not their type go as an attachment', async () => {
  const upload = await exampleUpload(804);
  const receipt = JSON.parse((await post(receiver.port, upload)).response!.body) as {
    versions: Record<string, { url: string; key: string }>;
  };
  const file = await fetch(receiver.origin + receipt.versions['display']!.url);
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toBe('image/png');
  expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  expect(file.headers.get('content-disposition')).toBeNull();
  expect(
    Buffer.from(await file.arrayBuffer()).equals(upload.parts.find((part) => part.version === 'display')!.data),
  ).toBe(true);
  // A file that is not what its name says (put there behind the receiver's back) is never served as that type.
  const planted = 'files/00000000-0000-4000-8000-000000000000.jpg';
  await writeFile(join(receiver.dir, planted), '<!doctype html><script>alert(document.cookie)</script>');
  const html = await fetch(`${receiver.origin}/api/${planted}`);
  expect(html.headers.get('content-type')).toBe('application/octet-stream');
  expect(html.headers.get('content-disposition')).toBe('attachment');
  expect(html.headers.get('x-content-type-options')).toBe('nosniff');
  await rm(join(receiver.dir, planted));
});

test('two receiver processes sharing a SQLite ledger and a folder: one upload sent to both at once is stored once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'imagespec-shared-'));
  const [first, second] = await Promise.all([
    spawnReceiver({ dir, ledger: 'sqlite' }),
    spawnReceiver({ dir, ledger: 'sqlite' }),
  ]);
  try {
    const uploads = await Promise.all([810, 811, 812].map((seed) => exampleUpload(seed)));
    for (const upload of uploads) {
      const answers = await Promise.all([first, second, first, second].map((child) => post(child.port, upload)));
      const bodies = answers.map((answer) => {
        expect(answer.response?.status).toBe(201);
        return JSON.parse(answer.response!.body) as unknown;
      });
      for (const body of bodies) expect(body).toEqual(bodies[0]);
    }
    const { uploads: listed } = (await (await fetch(`${first.origin}/api/uploads`)).json()) as {
      uploads: UploadSummary[];
    };
    expect(listed.map((upload) => upload.uploadId).sort()).toEqual(uploads.map((upload) => upload.key).sort());
    expect(await readdir(join(dir, 'files'))).toHaveLength(uploads.length * 3);
    expect(first.errors() + second.errors()).not.toContain('UNCAUGHT');
  } finally {
    await Promise.all([first.stop(), second.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
});
