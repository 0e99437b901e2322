// imagespec/server under cut connections, concurrency and malformed requests, from Node: every
// version stored exactly once, every refusal a typed JSON error, and the process never crashes.
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { rawRequest, uploadHead } from '../support/raw-http.ts';
import { exampleUpload, failOnUncaught, receiverForTests, type ExampleUpload } from '../support/receiver-harness.ts';

const uncaught = failOnUncaught();
const receiver = receiverForTests({ limits: { maxConcurrentUploads: 64, maxWaitersPerKey: 32 } });

function post(upload: ExampleUpload, options = {}) {
  return rawRequest(
    receiver.port,
    uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length }),
    upload.body,
    options,
  );
}

async function expectStoredOnce(upload: ExampleUpload): Promise<void> {
  const records = (await receiver.records()).filter((record) => record.uploadId === upload.key);
  expect(records).toHaveLength(1);
  expect(records[0]!.state).toBe('complete');
  for (const part of upload.parts) {
    const bytes = await readFile(join(receiver.dir, records[0]!.versions[part.version]!.key));
    expect(bytes.equals(part.data), `${upload.key} ${part.version}`).toBe(true);
  }
}

test('the connection cut at 48 points of the body: nothing stored, no temp file left, the key free; then the whole upload is stored once', async () => {
  const upload = await exampleUpload(100);
  const filesBefore = await receiver.files();
  for (let point = 1; point <= 48; point++) {
    const cut = Math.floor((upload.body.length * point) / 49);
    const started = Date.now();
    const outcome = await post(upload, { cutAfter: cut });
    expect(outcome.response, `cut at ${cut}`).toBeNull();
    // The next request with the key does not wait for a lock the cut request still holds.
    expect(Date.now() - started).toBeLessThan(1000);
  }
  expect((await receiver.records()).filter((record) => record.uploadId === upload.key)).toEqual([]);
  expect(await receiver.files()).toEqual(filesBefore);
  await expect.poll(() => receiver.tempFiles()).toEqual([]);
  const whole = await post(upload);
  expect(whole.response?.status).toBe(201);
  expect(whole.ms).toBeLessThan(1000);
  await expectStoredOnce(upload);
});

test('50 concurrent uploads: each stored once, byte-identical, with its own receipt', async () => {
  const uploads = await Promise.all(Array.from({ length: 50 }, (_, index) => exampleUpload(200 + index)));
  const outcomes = await Promise.all(uploads.map((upload) => post(upload, { chunkBytes: 8 * 1024, delayMs: 1 })));
  expect(outcomes.map((outcome) => outcome.response?.status)).toEqual(uploads.map(() => 201));
  for (const [index, upload] of uploads.entries()) {
    const receipt = JSON.parse(outcomes[index]!.response!.body) as {
      uploadId: string;
      versions: Record<string, { sha256: string }>;
    };
    expect(receipt.uploadId).toBe(upload.key);
    for (const part of upload.parts) {
      expect(receipt.versions[part.version]!.sha256).toBe(createHash('sha256').update(part.data).digest('hex'));
    }
    await expectStoredOnce(upload);
  }
});

test('20 concurrent requests with one key: one stores, every other is answered with the same receipt (or 429), nothing stored twice', async () => {
  const upload = await exampleUpload(300);
  const filesBefore = (await receiver.files()).length;
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, () => post(upload, { chunkBytes: 8 * 1024, delayMs: 1 })),
  );
  const answers = outcomes.map((outcome) => outcome.response);
  const stored = answers.filter((answer) => answer?.status === 201);
  expect(stored.length).toBeGreaterThanOrEqual(1);
  for (const answer of answers) {
    expect([201, 429]).toContain(answer?.status);
    if (answer?.status === 201) expect(JSON.parse(answer.body)).toEqual(JSON.parse(stored[0]!.body));
    else expect(JSON.parse(answer!.body)).toMatchObject({ error: 'KEY_BUSY' });
  }
  expect(stored.filter((answer) => answer?.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
  expect((await receiver.files()).length - filesBefore).toBe(upload.parts.length);
  await expectStoredOnce(upload);
  // No lock is left held.
  const after = await post(upload);
  expect(after.response?.status).toBe(201);
  expect(after.ms).toBeLessThan(1000);
});

/** Sends raw bytes and reads what comes back: until the connection closes, or 300 ms after the last byte. */
function exchange(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(receiver.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(quiet);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      clearTimeout(quiet);
      quiet = setTimeout(done, 300);
    });
    socket.on('close', done);
    socket.setTimeout(3000, done);
    // Not end(): a half-closed connection is a client that left.
    socket.on('connect', () => socket.write(bytes));
  });
}

/** A request with a Content-Length that tells the truth. */
function http(head: string, body = ''): string {
  return `${head}\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}\r\n\r\n${body}`;
}

const MULTIPART =
  'POST /api/uploads HTTP/1.1\r\nHost: x\r\nIdempotency-Key: abcdefgh12\r\nContent-Type: multipart/form-data; boundary=b';
const MANIFEST_PART = '--b\r\nContent-Disposition: form-data; name="manifest"\r\n\r\n';

const MALFORMED: Array<[string, string, RegExp]> = [
  ['garbage instead of a request line', 'GARBAGE\r\n\r\n', /^HTTP\/1\.1 400/],
  [
    'no Idempotency-Key',
    'POST /api/uploads HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 0\r\n\r\n',
    /"error":"MISSING_KEY"/,
  ],
  [
    'a key with a path in it',
    'POST /api/uploads HTTP/1.1\r\nHost: x\r\nIdempotency-Key: ../../etc/passwd\r\nContent-Length: 0\r\n\r\n',
    /"error":"MISSING_KEY"/,
  ],
  [
    'not multipart',
    'POST /api/uploads HTTP/1.1\r\nHost: x\r\nIdempotency-Key: abcdefgh12\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    /"error":"UNSUPPORTED_TYPE"/,
  ],
  [
    'multipart without a boundary',
    'POST /api/uploads HTTP/1.1\r\nHost: x\r\nIdempotency-Key: abcdefgh12\r\nContent-Type: multipart/form-data; charset=x\r\nContent-Length: 4\r\n\r\nxxxx',
    /"error":"BAD_MULTIPART"/,
  ],
  [
    'an empty multipart body',
    'POST /api/uploads HTTP/1.1\r\nHost: x\r\nIdempotency-Key: abcdefgh12\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 0\r\n\r\n',
    /"error":"(BAD_MULTIPART|MISSING_PART)"/,
  ],
  ['a manifest that is not JSON', http(MULTIPART, `${MANIFEST_PART}{x\r\n--b--\r\n`), /"error":"BAD_MANIFEST"/],
  ['a manifest that is a number', http(MULTIPART, `${MANIFEST_PART}12\r\n--b--\r\n`), /"error":"BAD_MANIFEST"/],
  [
    'a manifest with a __proto__ key',
    http(MULTIPART, `${MANIFEST_PART}{"__proto__":{"x":1}}\r\n--b--\r\n`),
    /"error":"BAD_MANIFEST"/,
  ],
  ['a manifest that never ends', http(MULTIPART, `${MANIFEST_PART}{"manifestVersion":1`), /"error":"BAD_MULTIPART"/],
  [
    'a part header without a name',
    http(MULTIPART, '--b\r\nContent-Disposition: x\r\n\r\nzz\r\n--b--\r\n'),
    /"error":"[A-Z_]+"/,
  ],
  [
    'a part with 20 headers',
    http(
      MULTIPART,
      `--b\r\n${'X-A: 1\r\n'.repeat(20)}Content-Disposition: form-data; name="manifest"\r\n\r\n{}\r\n--b--\r\n`,
    ),
    /"error":"[A-Z_]+"/,
  ],
  [
    'a negative Content-Length',
    'POST /api/uploads HTTP/1.1\r\nHost: x\r\nIdempotency-Key: abcdefgh12\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: -5\r\n\r\n',
    /^HTTP\/1\.1 400/,
  ],
  [
    'both Content-Length and chunked',
    'POST /api/uploads HTTP/1.1\r\nHost: x\r\nIdempotency-Key: abcdefgh12\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    /^HTTP\/1\.1 400/,
  ],
  [
    'a bad chunk size',
    'POST /api/uploads HTTP/1.1\r\nHost: x\r\nIdempotency-Key: abcdefgh12\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    /^HTTP\/1\.1 400|^$/,
  ],
  [
    'a header over 16 KiB',
    `GET /api/uploads HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    /^HTTP\/1\.1 (431|400)/,
  ],
  [
    'GET of the upload route by nobody',
    'GET /api/uploads HTTP/1.1\r\nHost: x\r\nX-User: nobody\r\n\r\n',
    /"error":"FORBIDDEN"/,
  ],
  [
    'PUT of the upload route',
    'PUT /api/uploads/abcdefgh12 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
    /"error":"METHOD_NOT_ALLOWED"/,
  ],
  [
    'a stored file path with ../',
    'GET /api/files/..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n',
    /"error":"NOT_FOUND"/,
  ],
  [
    'a stored file path with bad percent-encoding',
    'GET /api/uploads/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n',
    /"error":"NOT_FOUND"/,
  ],
  ['an unknown route', 'GET /api/nothing HTTP/1.1\r\nHost: x\r\n\r\n', /"error":"NOT_FOUND"/],
  [
    'presign with a storage that cannot sign',
    'POST /api/presign HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}',
    /"error":"NOT_FOUND"/,
  ],
  [
    'a tus creation with a manifest that is not JSON',
    'POST /api/tus/ HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Length: 10\r\nUpload-Metadata: manifest eyJ4,version b3JpZ2luYWw=\r\nContent-Length: 0\r\n\r\n',
    /^HTTP\/1\.1 400/,
  ],
  [
    'a tus creation with metadata that is not base64',
    'POST /api/tus/ HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Length: 10\r\nUpload-Metadata: manifest !!!!\r\nContent-Length: 0\r\n\r\n',
    /^HTTP\/1\.1 400/,
  ],
  [
    'a tus PATCH of an upload that does not exist',
    'PATCH /api/tus/0123456789abcdef0123456789abcdef HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: 3\r\n\r\nabc',
    /"error":"NOT_FOUND"/,
  ],
  ['a tus HEAD of ../', 'HEAD /api/tus/..%2f.. HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\n\r\n', /^HTTP\/1\.1 404/],
  [
    'a tus GET',
    'GET /api/tus/0123456789abcdef0123456789abcdef HTTP/1.1\r\nHost: x\r\n\r\n',
    /"error":"METHOD_NOT_ALLOWED"/,
  ],
  [
    'presign JSON that is not JSON',
    'DELETE /api/uploads/abcdefgh12 HTTP/1.1\r\nHost: x\r\nX-User: nobody\r\n\r\n',
    /"error":"FORBIDDEN"/,
  ],
];

test('about 30 kinds of malformed request each get a typed refusal, and the receiver stays up', async () => {
  for (const [what, bytes, expected] of MALFORMED) {
    const answer = await exchange(bytes);
    expect(answer, what).toMatch(expected);
    // A typed JSON error (tus answers keep @tus/server's content type, with the same JSON body).
    if (/"error"/.test(answer) && !/tus-resumable/i.test(answer))
      expect(answer, what).toMatch(/Content-Type: application\/json/i);
  }
  expect(uncaught.errors).toEqual([]);
  // Still answering uploads.
  const upload = await exampleUpload(400);
  expect((await post(upload)).response?.status).toBe(201);
});
