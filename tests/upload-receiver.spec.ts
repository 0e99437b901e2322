// The receiver (imagespec/server) on its own, driven from Node with bodies no browser would send.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { manifestFor, postMultipart, postOversized, type RawPart } from './support/upload-multipart.ts';
import { testPhoto } from './support/upload-page.ts';
import { startReceiver, type ReceiverServer } from './support/upload-server.ts';

const LIMIT = 1024 * 1024;
let server: ReceiverServer;

test.beforeAll(async () => {
  server = await startReceiver(5520, { limits: { maxPartBytes: LIMIT, maxBodyBytes: 2 * LIMIT } });
});
test.afterAll(async () => server?.close());

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

test('hostile file names (../, NUL, 300 characters, Windows device names) are stored under generated names inside the folder', async () => {
  const photo = await testPhoto(100, 64, 48);
  const names = [
    '../../../../etc/passwd',
    '..\\..\\boot.ini',
    'a\u0000b.jpg',
    'x'.repeat(300) + '.jpg',
    'CON',
    'aux.jpg',
    'NUL.txt',
    'COM1',
  ];
  for (const [index, name] of names.entries()) {
    const parts: RawPart[] = [
      { version: 'original', filename: name.replace(/\u0000/g, '%00'), type: 'image/jpeg', data: photo },
    ];
    const answer = await postMultipart(
      server.origin,
      `hostile-name-${index}`,
      manifestFor(`hostile-name-${index}`, name, parts),
      parts,
    );
    expect(answer.status, `${JSON.stringify(name)}: ${answer.body}`).toBe(201);
  }
  const ledger = await server.ledger();
  expect(ledger.map((entry) => entry.sourceName)).toEqual(names);
  const stored = (await filesUnder(server.dir)).filter((path) => path.startsWith('files'));
  expect(stored).toHaveLength(names.length);
  for (const path of stored) expect(path).toMatch(/^files\/[0-9a-f-]{36}\.jpg$/);
  // Nothing but the receiver's own folders exists.
  for (const path of await filesUnder(server.dir))
    expect(path).toMatch(/^(files\/[0-9a-f-]{36}\.jpg|ledger\/[0-9a-f]{64}\.json)$/);
});

test('HTML bytes declared as image/jpeg get 415 and nothing is stored', async () => {
  const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
  const parts: RawPart[] = [{ version: 'original', filename: 'photo.jpg', type: 'image/jpeg', data: html }];
  const before = await filesUnder(server.dir);
  const answer = await postMultipart(
    server.origin,
    'html-as-jpeg',
    manifestFor('html-as-jpeg', 'photo.jpg', parts),
    parts,
  );
  expect(answer.status).toBe(415);
  expect(JSON.parse(answer.body)).toMatchObject({ error: 'TYPE_MISMATCH' });
  expect((await server.ledger()).filter((entry) => entry.uploadId === 'html-as-jpeg')).toEqual([]);
  expect(await filesUnder(server.dir)).toEqual(before);
});

test('a body twice the size limit gets 413 before it is read to the end', async () => {
  const declared = 2 * 2 * LIMIT;
  const { status, writtenAtAnswer } = await postOversized(server.origin, declared);
  expect(status).toBe(413);
  expect(writtenAtAnswer).toBeLessThan(declared / 4);
});

test("bytes that differ from the manifest's SHA-256 get 422 and nothing is stored", async () => {
  const photo = await testPhoto(101, 64, 48);
  const parts: RawPart[] = [{ version: 'original', filename: 'p.jpg', type: 'image/jpeg', data: photo }];
  const manifest = manifestFor('checksum-lie', 'p.jpg', parts);
  manifest.versions['original']!.sha256 = '0'.repeat(64);
  const answer = await postMultipart(server.origin, 'checksum-lie', manifest, parts);
  expect(answer.status).toBe(422);
  expect((await server.ledger()).filter((entry) => entry.uploadId === 'checksum-lie')).toEqual([]);
});

test('a repeated Idempotency-Key is answered with the first answer and stored once', async () => {
  const photo = await testPhoto(102, 64, 48);
  const parts: RawPart[] = [{ version: 'original', filename: 'p.jpg', type: 'image/jpeg', data: photo }];
  const manifest = manifestFor('repeat-me-please', 'p.jpg', parts);
  const [first, second] = [
    await postMultipart(server.origin, 'repeat-me-please', manifest, parts),
    await postMultipart(server.origin, 'repeat-me-please', manifest, parts),
  ];
  expect(first.status).toBe(201);
  expect(second.status).toBe(201);
  expect(second.body).toBe(first.body);
  expect(second.headers['idempotent-replayed']).toBe('true');
  expect((await server.ledger()).filter((entry) => entry.uploadId === 'repeat-me-please')).toHaveLength(1);
});

test('stored files are served with nosniff and a locked-down CSP', async () => {
  const entry = (await server.ledger())[0]!;
  const response = await fetch(`${server.origin}/api/${entry.key}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-type')).toBe('image/jpeg');
  expect((await fetch(`${server.origin}/api/files/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
});

test('vite.config.ts mounts the receiver on the dev server', async ({ request }) => {
  const response = await request.post('/api/uploads', { data: 'not multipart' });
  expect(response.status()).toBe(400);
  expect(await response.json()).toMatchObject({ error: 'MISSING_KEY' });
});
