// Every way a file is refused, on bad inputs made at test time: these run in every clone, with
// or without the shared corpus. Each is refused with its typed code in a message of the form
// `what failed: the value`, promptly, and the next file in the same pool succeeds.
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resizeToFill } from '../src/index.ts';
import { ERROR_CODES } from '../src/shared/errors/error-codes.ts';
import {
  heicLike,
  pngHeaderBomb,
  pngWithGarbageData,
  seededBytes,
  SVG_WITH_SCRIPT,
  TEXT_NAMED_JPG,
} from './support/bad-files.ts';
import { EXAMPLE_SPECS } from './support/example.ts';
import { drawPhoto } from './support/images.ts';
import { expectOk, openHarness, processInPage, type Outcome } from './support/page.ts';

/** `what failed: the value`, as every imagespec message reads. */
const MESSAGE_FORM = /^[a-z][^:]*: \S/;

function expectRefused(outcome: Outcome, code: string): Extract<Outcome, { ok: false }> {
  if (outcome.ok) throw new Error(`expected ${code}, the file was processed`);
  expect(outcome.error).toMatchObject({ code, isImageSpecError: true });
  expect(outcome.error.message).toMatch(MESSAGE_FORM);
  return outcome;
}

interface BadFile {
  what: string;
  name: string;
  bytes: () => Buffer | Promise<Buffer>;
  code: string;
  /** Refused on the main thread from the first bytes: no worker ever sees it. */
  beforeDecoding: boolean;
  /** What the message tells the user beyond the code. */
  says?: RegExp;
}

/**
 * A cut file is told apart from a damaged one: the upload broke off, so trying again can help.
 * In a browser that paints the missing part grey and succeeds (see workers/decode.ts), this
 * check is all that refuses it; Chromium's own decode fails too, but only as "could not be
 * decoded".
 */
const ENDS_EARLY = /data ends early \(truncated file\)$/;

/** Built-in processors only, for the default pool. */
const THUMBNAIL = { thumbnail: EXAMPLE_SPECS.thumbnail };

const halfOf = (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1);

const BAD_FILES: BadFile[] = [
  { what: 'an empty file', name: 'empty.jpg', bytes: () => Buffer.alloc(0), code: 'EMPTY_FILE', beforeDecoding: true },
  {
    what: 'a JPEG cut in half',
    name: 'half.jpg',
    bytes: async () => halfOf(await drawPhoto(800, 600)),
    code: 'CORRUPT_IMAGE',
    beforeDecoding: false,
    says: ENDS_EARLY,
  },
  {
    what: 'a PNG cut in half',
    name: 'half.png',
    bytes: async () => halfOf(await drawPhoto(400, 300, { format: 'png' })),
    code: 'CORRUPT_IMAGE',
    beforeDecoding: false,
    says: ENDS_EARLY,
  },
  {
    what: 'a well-formed PNG whose pixel data is noise',
    name: 'noise.png',
    bytes: () => pngWithGarbageData(),
    code: 'CORRUPT_IMAGE',
    beforeDecoding: false,
  },
  {
    what: 'a decompression bomb declaring 30000x30000',
    name: 'bomb.png',
    bytes: () => pngHeaderBomb(),
    code: 'TOO_LARGE',
    beforeDecoding: true,
  },
  {
    what: 'an SVG carrying a script',
    name: 'drawing.svg',
    bytes: () => SVG_WITH_SCRIPT,
    code: 'UNSUPPORTED_FORMAT',
    beforeDecoding: true,
  },
  {
    what: 'a text file named photo.jpg',
    name: 'photo.jpg',
    bytes: () => TEXT_NAMED_JPG,
    code: 'UNSUPPORTED_FORMAT',
    beforeDecoding: true,
  },
  {
    what: 'random bytes named photo.png',
    name: 'photo.png',
    bytes: () => seededBytes(64 * 1024, 3),
    code: 'UNSUPPORTED_FORMAT',
    beforeDecoding: true,
  },
  {
    what: 'a HEIC photo, which Chromium cannot decode',
    name: 'IMG_0001.heic',
    bytes: () => heicLike(),
    code: 'UNSUPPORTED_FORMAT',
    beforeDecoding: false,
  },
];

test.describe('bad files, one after another in one pool', () => {
  // One page and one pool for them all: each refusal leaves the pool working for the next file.
  // Its worker is started before the first refusal is timed, so that "promptly" measures the
  // refusal, not a cold dev server compiling the worker.
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await openHarness(page);
    expectOk(await processInPage(page, 'first.jpg', await drawPhoto(400, 300), EXAMPLE_SPECS, { pool: 'custom' }));
  });
  test.afterAll(async () => page?.close());

  for (const bad of BAD_FILES) {
    test(`${bad.what} is refused with ${bad.code} and the pool carries on`, async () => {
      const outcome = expectRefused(
        await processInPage(page, bad.name, await bad.bytes(), EXAMPLE_SPECS, { pool: 'custom' }),
        bad.code,
      );
      if (bad.says) expect(outcome.error.message).toMatch(bad.says);
      expect(outcome.ms).toBeLessThan(5_000);
      if (bad.beforeDecoding) expect(outcome.stages, 'progress before the refusal').toEqual([]);
      // Not from the cache: the pool itself must make it.
      const next = await processInPage(page, 'next.jpg', await drawPhoto(400, 300), EXAMPLE_SPECS, {
        pool: 'custom',
        cache: false,
      });
      expect(expectOk(next).variants['thumbnail']!.width).toBe(100);
    });
  }
});

test('maxPixels refuses a file whose header declares more pixels, before decoding; at the limit it passes', async ({
  page,
}) => {
  await openHarness(page);
  const photo = await drawPhoto(1000, 800, { format: 'png' });
  const over = expectRefused(await processInPage(page, 'p.png', photo, THUMBNAIL, { maxPixels: 799_999 }), 'TOO_LARGE');
  expect(over.error.message).toContain('1000x800');
  expect(over.stages).toEqual([]);
  expectOk(await processInPage(page, 'p.png', photo, THUMBNAIL, { maxPixels: 800_000 }));
});

test('by default 64 MP are admitted and one more row is TOO_LARGE', async ({ page }) => {
  await openHarness(page);
  // Headers only (noise for data): at the limit the file gets past the check and fails to
  // decode; one row more and it is refused without a worker seeing it.
  const atLimit = await processInPage(page, 'at.png', pngWithGarbageData(8000, 8000), THUMBNAIL);
  expectRefused(atLimit, 'CORRUPT_IMAGE');
  const over = expectRefused(
    await processInPage(page, 'over.png', pngWithGarbageData(8000, 8001), THUMBNAIL),
    'TOO_LARGE',
  );
  expect(over.error.message).toContain('8000x8001');
});

test('a spec with a bad field is refused with INVALID_SPEC naming the spec and the field', async ({ page }) => {
  await openHarness(page);
  const outcome = expectRefused(
    await processInPage(page, 'p.jpg', await drawPhoto(400, 300), {
      thumbnail: { processors: [resizeToFill(-1, 75)] },
    }),
    'INVALID_SPEC',
  );
  expect(outcome.error.message).toContain('"thumbnail"');
  expect(outcome.error.message).toContain('processors[0].width');
});

test('a pool not made by createWorkerPool is refused with INVALID_OPTIONS', async ({ page }) => {
  await openHarness(page);
  const refusal = await page.evaluate(async () => {
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])], 'p.jpg');
    const pool = { size: 1, workersStarted: 0, terminate: () => {} };
    try {
      await window.imagespec.processImage(file, { original: { original: true }, t: { processors: [] } }, { pool });
      return { code: 'none', message: 'processed' };
    } catch (error) {
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    }
  });
  expect(refusal.code).toBe('INVALID_OPTIONS');
  expect(refusal.message).toMatch(/^invalid options: pool /);
});

test('every error code is asserted by a test that runs without the corpus', () => {
  const testsDir = import.meta.dirname;
  const specs = readdirSync(testsDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.spec.ts') && path !== 'corpus.spec.ts')
    .map((path) => readFileSync(join(testsDir, path), 'utf8'));
  const untested = Object.values(ERROR_CODES)
    .flat()
    .filter((code) => !specs.some((source) => source.includes(`'${code}'`)));
  expect(untested, 'codes no always-run spec names').toEqual([]);
});
