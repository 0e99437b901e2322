// Node-side helpers: open the harness page, hand it a file, get decoded results back.
import { test, type Page } from '@playwright/test';
import type { Placeholder, Specs } from '../../src/index.ts';
import type { BatchOptions, BatchOutcome, LimitedWorker, PageOutcome } from '../pages/harness.ts';

export const HARNESS = '/tests/pages/harness.html';

/** Opens a test page (the harness by default) and waits until its module has set it up. */
export async function openHarness(page: Page, url: string = HARNESS): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
}

declare global {
  interface Window {
    /** Whole-file reads on the page, where a test counts them (see countWholeFileReads). */
    wholeReads?: number;
  }
}

/**
 * Counts the page's whole-file reads from now on; the returned function tells how many so far. A
 * header check reads a slice (a Blob, not the File), and is not counted.
 */
export async function countWholeFileReads(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const read = File.prototype.arrayBuffer;
    File.prototype.arrayBuffer = function (this: File) {
      window.wholeReads = (window.wholeReads ?? 0) + 1;
      return read.call(this);
    };
  });
  return () => page.evaluate(() => window.wholeReads ?? 0);
}

/** Pages whose processing skips the cache unless a call asks otherwise (see sharedHarness). */
const uncachedPages = new WeakSet<Page>();

/**
 * One harness page for every test of a file or describe block, where calling it: loading the page
 * and starting its workers cost 2-4 s a test. It processes uncached, so that each test still makes
 * its own versions whatever ran before it; tests get the page from the returned function.
 */
export function sharedHarness(): () => Page {
  let page: Page | undefined;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    uncachedPages.add(page);
    await openHarness(page);
  });
  test.afterAll(async () => page?.close());
  return () => page!;
}

let served = 0;

/** Serves bytes to the page (main-thread fetches only) and returns their URL. */
export async function serveBytes(page: Page, bytes: Buffer): Promise<string> {
  const url = `/__input/${++served}`;
  await page.route(`**${url}`, (route) => route.fulfill({ body: bytes, contentType: 'application/octet-stream' }));
  return url;
}

export interface NodeVariant {
  width: number;
  height: number;
  type: string;
  bytes: number;
  fingerprint: string;
  quality?: number;
  placeholder?: Placeholder;
  data: Buffer;
}

export type Outcome =
  | {
      ok: true;
      source: Extract<PageOutcome, { ok: true }>['source'];
      variants: Record<string, NodeVariant>;
      responsive: Extract<PageOutcome, { ok: true }>['responsive'];
      ms: number;
      stages: string[];
    }
  | Extract<PageOutcome, { ok: false }>;

export interface InPageOptions {
  /** Run in the test worker that registers the custom processors, or in one that acts as a more limited browser. */
  pool?: 'custom' | LimitedWorker;
  maxPixels?: number;
  maxCanvasPixels?: number;
  /** No cache: the same bytes processed twice in one page are then made twice. */
  cache?: false;
}

/** Runs `processImage` in the page on these bytes; variants come back as Buffers. */
export async function processInPage(
  page: Page,
  name: string,
  bytes: Buffer,
  specs: Specs,
  options: InPageOptions = {},
): Promise<Outcome> {
  const url = await serveBytes(page, bytes);
  // Specs travel as JSON text: they are plain data, and Playwright's argument types recurse too deeply on them.
  const asked: InPageOptions = { ...(uncachedPages.has(page) ? { cache: false } : {}), ...options };
  const outcome = await page.evaluate(
    ([url, name, specs, options]) => window.harness.run(url, name, JSON.parse(specs), options),
    [url, name, JSON.stringify(specs), asked] as const,
  );
  return decodeOutcome(outcome);
}

/** A page's outcome with its variants' base64 turned into Buffers. */
export function decodeOutcome(outcome: PageOutcome): Outcome {
  if (!outcome.ok) return outcome;
  const variants: Record<string, NodeVariant> = {};
  for (const [key, { base64, ...rest }] of Object.entries(outcome.variants)) {
    variants[key] = { ...rest, data: Buffer.from(base64, 'base64') };
  }
  return { ...outcome, variants };
}

/** Asserts success and narrows the type; fails the test with the error otherwise. */
export function expectOk(outcome: Outcome): Extract<Outcome, { ok: true }> {
  if (!outcome.ok)
    throw new Error(`expected success, got ${outcome.error.code ?? outcome.error.name}: ${outcome.error.message}`);
  return outcome;
}

/** Runs several inputs through one new pool at once; see `batch` in the harness. */
export async function batchInPage(
  page: Page,
  inputs: { name: string; bytes: Buffer }[],
  specs: Specs,
  options: BatchOptions = {},
): Promise<BatchOutcome> {
  const served = [];
  for (const { name, bytes } of inputs) served.push({ name, url: await serveBytes(page, bytes) });
  return page.evaluate(([served, specs, options]) => window.harness.batch(served, JSON.parse(specs), options), [
    served,
    JSON.stringify(specs),
    options,
  ] as const);
}
