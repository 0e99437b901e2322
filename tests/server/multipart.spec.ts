// imagespec/server's multipart endpoint attacked from Node as a hostile client would: crafted
// raw requests, each checked for its status, its typed error, and the ledger and disk after it.
// No browser. Any uncaught exception in the process fails the test that caused it.
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TempFiles } from '../../server/files/temp-file.ts';
import { chunked, openRequest, rawRequest, uploadHead, type RawOutcome } from '../support/raw-http.ts';
import {
  exampleUpload,
  failOnUncaught,
  receiverForTests,
  startTestReceiver,
  type TestReceiver,
} from '../support/receiver-harness.ts';
import { manifestFor, multipartBody, type RawPart } from '../support/upload-multipart.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
failOnUncaught();
const receiver = receiverForTests({
  limits: { maxBodyBytes: 2 * MiB, maxPartBytes: MiB, maxDrainBytes: 256 * KiB },
});

function post(target: TestReceiver, upload: { key: string; body: Buffer; contentType: string }, options = {}) {
  return rawRequest(
    target.port,
    uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length }),
    upload.body,
    options,
  );
}

function errorOf(outcome: RawOutcome): { status: number; error: string } {
  const response = outcome.response;
  if (!response) return { status: 0, error: 'no answer' };
  return {
    status: response.status,
    error: response.status < 300 ? '' : (JSON.parse(response.body) as { error: string }).error,
  };
}

async function storedOf(target: TestReceiver, uploadId: string) {
  return (await target.records()).filter((record) => record.uploadId === uploadId);
}

/**
 * The receiver removes a refused request's temp files before it answers, so once the answer is
 * in, the temp folder is empty (this file's tests run one at a time, each with the folder empty).
 */
async function expectNoTempLeft(target: TestReceiver) {
  expect(await target.tempFiles(), 'temp files left when the answer came').toEqual([]);
}

/** Every version of `upload` is stored once, complete, byte-identical, and nothing else is on disk for it. */
async function expectStoredOnce(target: TestReceiver, upload: { key: string; parts: RawPart[] }) {
  const [record, ...others] = await storedOf(target, upload.key);
  expect(others).toEqual([]);
  expect(record?.state).toBe('complete');
  for (const part of upload.parts) {
    const version = record!.versions[part.version]!;
    const bytes = await readFile(join(target.dir, version.key));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(part.data).digest('hex'));
  }
}

test.describe('a key locked forever', () => {
  test('a queued same-key request whose client leaves is dropped: once the holder is done, the next is answered within 1 s', async () => {
    const upload = await exampleUpload(1);
    const head = uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length });
    const half = Math.floor(upload.body.length / 2);
    // The holder sends half its body and pauses, holding the key.
    const holder = await openRequest(receiver.port, head);
    await holder.write(upload.body.subarray(0, half));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // A second request with the key queues behind it; its client gives up (as the uploader does after 30 s).
    const waiter = await openRequest(receiver.port, head);
    await waiter.write(upload.body);
    await new Promise((resolve) => setTimeout(resolve, 200));
    waiter.socket.destroy();
    expect(await waiter.response).toBeNull();
    // The holder finishes.
    await holder.write(upload.body.subarray(half));
    expect((await holder.response)?.status).toBe(201);
    const next = await post(receiver, upload);
    expect(next.response?.status).toBe(201);
    expect(next.response?.headers['idempotent-replayed']).toBe('true');
    expect(next.ms).toBeLessThan(1000);
    await expectStoredOnce(receiver, upload);
  });

  test('a holder whose client leaves mid-body frees the key at once, and leaves nothing behind', async () => {
    const upload = await exampleUpload(2);
    const head = uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length });
    const holder = await openRequest(receiver.port, head);
    await holder.write(upload.body.subarray(0, upload.body.length - 100));
    await new Promise((resolve) => setTimeout(resolve, 200));
    holder.socket.destroy();
    const next = await post(receiver, upload);
    expect(next.response?.status).toBe(201);
    expect(next.ms).toBeLessThan(1000);
    await expectStoredOnce(receiver, upload);
    await expect.poll(() => receiver.tempFiles()).toEqual([]);
  });
});

test.describe('idempotency bound to the manifest and to the caller', () => {
  test('the same key with another manifest gets 409 KEY_REUSED, never the first receipt; nothing of it is stored', async () => {
    const first = await exampleUpload(10);
    expect((await post(receiver, first)).response?.status).toBe(201);
    const other = await exampleUpload(11, first.key);
    const outcome = await post(receiver, other, { chunkBytes: 4 * KiB, delayMs: 5 });
    expect(errorOf(outcome)).toEqual({ status: 409, error: 'KEY_REUSED' });
    await expectNoTempLeft(receiver);
    // Refused on the manifest: the versions were not read.
    expect(outcome.writtenAtAnswer).toBeLessThan(other.body.length);
    await expectStoredOnce(receiver, first);
    expect(await receiver.files()).not.toContain(
      expect.stringContaining(other.parts[0]!.data.toString('hex').slice(0, 8)),
    );
  });

  test('the same key and manifest followed by other bytes is replayed without reading them; a 40 MiB tail is cut at the declared size', async () => {
    const upload = await exampleUpload(12);
    expect((await post(receiver, upload)).response?.status).toBe(201);
    const manifestEnd = upload.body.indexOf('--testboundary1234', 10);
    const garbage = Buffer.concat([
      upload.body.subarray(0, manifestEnd),
      Buffer.from('--testboundary1234\r\n'),
      Buffer.alloc(40 * MiB, 0x41),
    ]);
    // Chunked, so no Content-Length refuses it up front: the body is what the receiver reads.
    const outcome = await rawRequest(
      receiver.port,
      uploadHead({ key: upload.key, contentType: upload.contentType }),
      chunked(garbage, 64 * KiB),
      { chunkBytes: 64 * KiB, delayMs: 5, writeAfterAnswer: true },
    );
    expect(outcome.response?.status).toBe(201);
    expect(outcome.response?.headers['idempotent-replayed']).toBe('true');
    // Answered once the manifest was read; then at most the declared versions are drained.
    console.log(`written at the answer: ${outcome.writtenAtAnswer}`);
    expect(outcome.writtenAtAnswer).toBeLessThan(MiB);
    expect(outcome.written).toBeLessThan(10 * MiB);
    await expectStoredOnce(receiver, upload);
  });

  test("another caller's same upload id is their own upload: never answered with someone else's receipt", async () => {
    const upload = await exampleUpload(13);
    expect((await post(receiver, upload)).response?.status).toBe(201);
    const bob = await rawRequest(
      receiver.port,
      uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length, user: 'bob' }),
      upload.body,
    );
    expect(bob.response?.status).toBe(201);
    expect(bob.response?.headers['idempotent-replayed']).toBeUndefined();
    const records = await storedOf(receiver, upload.key);
    expect(records.map((record) => record.owner).sort()).toEqual(['alice', 'bob']);
    expect(JSON.parse(bob.response!.body).versions.original.key).toBe(
      records.find((record) => record.owner === 'bob')!.versions['original']!.key,
    );
  });
});

test.describe('parts the manifest does not account for', () => {
  async function refused(upload: { key: string; body: Buffer; contentType: string }, status: number, error: string) {
    const filesBefore = await receiver.files();
    const outcome = await post(receiver, upload);
    expect(errorOf(outcome)).toEqual({ status, error });
    await expectNoTempLeft(receiver);
    expect(await storedOf(receiver, upload.key)).toEqual([]);
    expect(await receiver.files()).toEqual(filesBefore);
  }

  // The part before the duplicate is refused while its temp file is still being opened: the
  // receiver once removed it before the open, which then made it again (1 run in 3 left one).
  test('one part name sent 15 times: 400 DUPLICATE_PART, nothing stored', async () => {
    const upload = await exampleUpload(20);
    const original = upload.parts.find((part) => part.version === 'original')!;
    const parts = [...upload.parts, ...Array.from({ length: 14 }, () => original)];
    await refused({ ...upload, ...multipartBody(upload.manifest, parts) }, 400, 'DUPLICATE_PART');
  });

  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    test(`a version named ${name}: 400 BAD_MANIFEST, nothing stored`, async () => {
      const upload = await exampleUpload(21, `reserved-${name.replace(/_/g, 'x')}`);
      const parts = upload.parts.map((part) => (part.version === 'original' ? { ...part, version: name } : part));
      // JSON.parse keeps "__proto__" as an own key, exactly as a hostile client sends it.
      const manifestText = JSON.stringify(manifestFor(upload.key, 'p.jpg', upload.parts)).replace(
        '"original":',
        `"${name}":`,
      );
      const body = multipartBody(upload.manifest, parts)
        .body.toString('latin1')
        .replace(JSON.stringify(upload.manifest), manifestText);
      await refused({ ...upload, body: Buffer.from(body, 'latin1') }, 400, 'BAD_MANIFEST');
    });
  }

  // Any other version name is the site's to choose (the uploader sends it as a version-N part).
  test('a version name with a control character, or of 257 characters: 400 BAD_MANIFEST, nothing stored', async () => {
    for (const [index, name] of ['bell\u0007', 'x'.repeat(257)].entries()) {
      const upload = await exampleUpload(25 + index, `bad-version-name-${index}`);
      const manifestText = JSON.stringify(manifestFor(upload.key, 'p.jpg', upload.parts)).replace(
        '"original":',
        `${JSON.stringify(name)}:`,
      );
      const body = upload.body.toString('latin1').replace(JSON.stringify(upload.manifest), manifestText);
      await refused({ ...upload, body: Buffer.from(body, 'latin1') }, 400, 'BAD_MANIFEST');
    }
  });

  test('a part the manifest does not name: 400 UNEXPECTED_PART', async () => {
    const upload = await exampleUpload(22);
    const parts = [...upload.parts, { ...upload.parts[0]!, version: 'extra' }];
    await refused({ ...upload, ...multipartBody(upload.manifest, parts) }, 400, 'UNEXPECTED_PART');
  });

  test('a version without its part: 400 MISSING_PART', async () => {
    const upload = await exampleUpload(23);
    await refused({ ...upload, ...multipartBody(upload.manifest, upload.parts.slice(1)) }, 400, 'MISSING_PART');
  });

  test('a part before the manifest, or a second field: 400', async () => {
    const upload = await exampleUpload(24);
    const [, ...rest] = upload.body.toString('latin1').split('--testboundary1234');
    const manifestPart = rest[0]!;
    const reordered = ['', ...rest.slice(1, -1), manifestPart, rest.at(-1)].join('--testboundary1234');
    await refused({ ...upload, body: Buffer.from(reordered, 'latin1') }, 400, 'UNEXPECTED_PART');
    const twice = ['', manifestPart, manifestPart, ...rest.slice(1)].join('--testboundary1234');
    await refused({ ...upload, body: Buffer.from(twice, 'latin1') }, 400, 'UNEXPECTED_FIELD');
  });
});

test.describe("a refused request's temp files", () => {
  // One refusal after another, so that the rm's calls find idle threads and can overtake the
  // open. With the rm not waiting for the stream to close, 11 to 70 of 500 files were left.
  test('each is removed only once its stream has closed, and none is made after the refusal: 500 refusals leave none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imagespec-temps-'));
    try {
      let lateOnesRefused = 0;
      for (let round = 0; round < 500; round++) {
        const temps = new TempFiles(dir);
        // Discarded at once, while its file is still being opened.
        await temps.create();
        const discarded = temps.discardAll();
        // A part whose work starts once the request is refused.
        const late = temps.create().then(
          () => 0,
          () => 1,
        );
        await discarded;
        lateOnesRefused += await late;
      }
      expect(await readdir(dir)).toEqual([]);
      expect(lateOnesRefused).toBe(500);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

test.describe('limits on bytes actually read', () => {
  test('a chunked body (no Content-Length) over maxBodyBytes gets 413 after about the limit, and nothing stays on disk', async () => {
    const upload = await exampleUpload(30);
    const manifestEnd = upload.body.indexOf('--testboundary1234', 10);
    // A manifest declaring small versions, then a "part" that never ends.
    const endless = Buffer.concat([
      upload.body.subarray(0, manifestEnd),
      Buffer.from(
        '--testboundary1234\r\nContent-Disposition: form-data; name="original"; filename="o"\r\nContent-Type: image/jpeg\r\n\r\n',
      ),
      Buffer.alloc(8 * MiB, 0xff),
    ]);
    const outcome = await rawRequest(
      receiver.port,
      uploadHead({ key: upload.key, contentType: upload.contentType }),
      chunked(endless),
      // 64 KiB every 5 ms: the bytes written while the answer is on its way (it goes out once the
      // temp files are gone) stay well under the bound even on a busy machine; at 2 ms they reached
      // it once in a full run (1 MiB, 450 KiB when quiet).
      { chunkBytes: 64 * KiB, delayMs: 5 },
    );
    expect(errorOf(outcome)).toEqual({ status: 413, error: 'TOO_LARGE' });
    await expectNoTempLeft(receiver);
    console.log(`written at the answer: ${outcome.writtenAtAnswer}`);
    expect(outcome.writtenAtAnswer).toBeLessThan(MiB);
    expect(await storedOf(receiver, upload.key)).toEqual([]);
  });

  test('a part that declares 275 bytes is refused as soon as it sends more, not at the part limit', async () => {
    const upload = await exampleUpload(31);
    const small: RawPart = { ...upload.parts[0]!, data: upload.parts[0]!.data.subarray(0, 275) };
    const manifest = manifestFor(upload.key, 'p.jpg', [small]);
    const lying = multipartBody(manifest, [
      { ...small, data: Buffer.concat([small.data, Buffer.alloc(900 * KiB, 1)]) },
    ]);
    const outcome = await rawRequest(
      receiver.port,
      uploadHead({ key: upload.key, contentType: lying.contentType, length: lying.body.length }),
      lying.body,
      { chunkBytes: 16 * KiB, delayMs: 5 },
    );
    expect(errorOf(outcome)).toEqual({ status: 413, error: 'TOO_LARGE' });
    await expectNoTempLeft(receiver);
    expect(outcome.writtenAtAnswer).toBeLessThan(200 * KiB);
    expect(await storedOf(receiver, upload.key)).toEqual([]);
  });

  test('a fast sender 20 times over the limit receives the 413 (not a reset), ten times in a row', async () => {
    const body = Buffer.alloc(40 * MiB, 7);
    for (let run = 0; run < 10; run++) {
      const outcome = await rawRequest(
        receiver.port,
        uploadHead({ key: `fast-sender-${run}`, contentType: 'multipart/form-data; boundary=x', length: body.length }),
        body,
        { chunkBytes: MiB },
      );
      expect(errorOf(outcome), `run ${run}`).toEqual({ status: 413, error: 'TOO_LARGE' });
    }
  });

  test('a body sent a byte at a time is cut by the request deadline with 408, and its key is free at once', async () => {
    const slow = await startTestReceiver({ limits: { idleTimeoutMs: 400, requestTimeoutMs: 1500 } });
    try {
      const upload = await exampleUpload(32);
      const trickle = await rawRequest(
        slow.port,
        uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length }),
        upload.body,
        { chunkBytes: 1, delayMs: 100, timeoutMs: 5000 },
      );
      expect(errorOf(trickle)).toEqual({ status: 408, error: 'TIMEOUT' });
      expect(trickle.ms).toBeLessThan(2500);
      // A body that stops: the idle timeout.
      const stalled = await rawRequest(
        slow.port,
        uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length }),
        upload.body,
        { cutAfter: 1000, timeoutMs: 5000 },
      ).catch(() => null);
      void stalled;
      const next = await post(slow, upload);
      expect(next.response?.status).toBe(201);
      expect(next.ms).toBeLessThan(1000);
    } finally {
      await slow.close();
    }
  });

  test('uploads over maxConcurrentUploads get 503 BUSY with Retry-After', async () => {
    const capped = await startTestReceiver({ limits: { maxConcurrentUploads: 2 } });
    try {
      const uploads = await Promise.all([40, 41, 42].map((seed) => exampleUpload(seed)));
      const open = await Promise.all(
        uploads.slice(0, 2).map(async (upload) => {
          const request = await openRequest(
            capped.port,
            uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length }),
          );
          await request.write(upload.body.subarray(0, 100));
          return request;
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const third = await post(capped, uploads[2]!);
      expect(errorOf(third)).toEqual({ status: 503, error: 'BUSY' });
      expect(third.response?.headers['retry-after']).toBe('1');
      await Promise.all(open.map((request, index) => request.write(uploads[index]!.body.subarray(100))));
      expect((await Promise.all(open.map((request) => request.response))).map((response) => response?.status)).toEqual([
        201, 201,
      ]);
      expect((await post(capped, uploads[2]!)).response?.status).toBe(201);
    } finally {
      await capped.close();
    }
  });

  test('same-key requests over maxWaitersPerKey get 429 KEY_BUSY with Retry-After', async () => {
    const capped = await startTestReceiver({ limits: { maxWaitersPerKey: 1 } });
    try {
      const upload = await exampleUpload(43);
      const head = uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length });
      const holder = await openRequest(capped.port, head);
      await holder.write(upload.body.subarray(0, 100));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const waiter = await openRequest(capped.port, head);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const over = await post(capped, upload);
      expect(errorOf(over)).toEqual({ status: 429, error: 'KEY_BUSY' });
      expect(over.response?.headers['retry-after']).toBe('1');
      await holder.write(upload.body.subarray(100));
      expect((await holder.response)?.status).toBe(201);
      await waiter.write(upload.body);
      const replay = await waiter.response;
      expect(replay?.status).toBe(201);
      expect(replay?.headers['idempotent-replayed']).toBe('true');
      expect((await capped.records()).filter((record) => record.uploadId === upload.key)).toHaveLength(1);
    } finally {
      await capped.close();
    }
  });
});
