// imagespec/server in the test process for the Node-only server suite (tests/server/): a fresh
// folder per receiver, the identity from an X-User header, and the images every test sends.
import { expect, test } from '@playwright/test';
import { readdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import {
  createReceiverServer,
  type Authorize,
  type Receiver,
  type ReceiverOptions,
  type UploadRecord,
} from '../../server/index.ts';
import type { UploadManifest } from '../../src/shared/wire.ts';
import { manifestFor, multipartBody, type RawPart } from './upload-multipart.ts';

/** The caller is the X-User header (default alice); `nobody` is refused; alice may also list and delete. */
export const testAuthorize: Authorize = (req) => {
  const user = req.headers['x-user'];
  if (user === 'nobody') return null;
  return typeof user === 'string' ? user : 'alice';
};

export interface TestReceiver {
  origin: string;
  port: number;
  dir: string;
  receiver: Receiver;
  /** Every record, any state. */
  records(): Promise<UploadRecord[]>;
  /** Files under files/, relative to the folder. */
  files(): Promise<string[]>;
  /** Files in the receiver's temp folder. */
  tempFiles(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startTestReceiver(options: Partial<ReceiverOptions> = {}): Promise<TestReceiver> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'imagespec-server-')));
  const { server, receiver } = createReceiverServer({ authorize: testAuthorize, ...options, dir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const list = async (folder: string) => (await readdir(join(dir, folder)).catch(() => [])).sort();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    dir,
    receiver,
    records: () => receiver.ledger.list(),
    files: async () => (await list('files')).map((name) => `files/${name}`),
    tempFiles: () => list('.tmp'),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await receiver.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Noise, so that every version has real, distinct bytes. */
function noise(seed: number, width: number, height: number, channels: 1 | 3): Sharp {
  const raw = Buffer.alloc(width * height * channels);
  let state = (seed * 2654435761) >>> 0;
  for (let i = 0; i < raw.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    raw[i] = (state >>> 24) & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels } }).blur(1);
}

/** The three versions of the ImageKit example, small: a JPEG thumbnail, a PNG display, a JPEG original. */
export async function exampleParts(seed: number): Promise<RawPart[]> {
  return [
    {
      version: 'thumbnail',
      filename: 'thumbnail',
      type: 'image/jpeg',
      data: await noise(seed, 100, 75, 3).jpeg().toBuffer(),
    },
    {
      version: 'display',
      filename: 'display',
      type: 'image/png',
      data: await noise(seed + 1, 60, 120, 1)
        .png()
        .toBuffer(),
    },
    {
      version: 'original',
      filename: 'original',
      type: 'image/jpeg',
      data: await noise(seed + 2, 320, 240, 3)
        .jpeg()
        .toBuffer(),
    },
  ];
}

/** One complete upload: its key, manifest, parts and multipart body. */
export interface ExampleUpload {
  key: string;
  manifest: UploadManifest;
  parts: RawPart[];
  body: Buffer;
  contentType: string;
}

export async function exampleUpload(seed: number, key = `upload-${seed}-${'0'.repeat(8)}`): Promise<ExampleUpload> {
  const parts = await exampleParts(seed);
  const manifest = manifestFor(key, `photo-${seed}.jpg`, parts);
  return { key, manifest, parts, ...multipartBody(manifest, parts) };
}

/**
 * Fails every test of the file during which the process had an uncaught exception or an
 * unhandled rejection: a request that escapes the receiver would crash a real server.
 */
export function failOnUncaught(): { readonly errors: unknown[] } {
  const errors: unknown[] = [];
  const record = (error: unknown) => errors.push(error);
  test.beforeAll(() => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  test.afterAll(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });
  test.afterEach(() => expect(errors).toEqual([]));
  return { errors };
}

/** A receiver for the tests of a file: started before them (options may wait for other hooks), closed after. */
export function receiverForTests(
  options: Partial<ReceiverOptions> | (() => Partial<ReceiverOptions>) = {},
): TestReceiver {
  let started: TestReceiver | undefined;
  const current = () => {
    if (!started) throw new Error('the receiver starts in beforeAll');
    return started;
  };
  test.beforeAll(async () => {
    started = await startTestReceiver(typeof options === 'function' ? options() : options);
  });
  test.afterAll(async () => started?.close());
  return {
    get origin() {
      return current().origin;
    },
    get port() {
      return current().port;
    },
    get dir() {
      return current().dir;
    },
    get receiver() {
      return current().receiver;
    },
    records: () => current().records(),
    files: () => current().files(),
    tempFiles: () => current().tempFiles(),
    close: () => current().close(),
  };
}
