// The demo gallery, used as a person would, from an empty gallery to a deleted photo: add three
// real photos through the widget, open one, reload, go back and forward, restart the server,
// delete one. It runs on a demo server of its own (started here, as `npm run demo` would), so that
// it starts empty and can be restarted; the server comes back as the production build's preview
// (`npm run demo:build && npm run demo:preview`) over the same upload folder. Every page is
// watched for CSP violations and checked with axe-core, and screenshots are kept.
import { expect, test, type BrowserContext, type Page, type Route } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDemo, startDemoServer, type DemoServer } from './support/demo-server.ts';
import { freePort } from './support/free-port.ts';
import {
  cachedEntries,
  expectNoAxeViolations,
  readDisplayed,
  shootEverySize,
  watchForViolations,
} from './support/demo-page.ts';
import { expectOriginalWithoutGps } from './support/demo-pixels.ts';
import { storedState, type StoredUpload } from './support/demo-store.ts';
import { EXAMPLE_SPECS, expectGrey } from './support/example.ts';
import { FIXTURES_DIR, hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { expectLikeReference } from './support/reference.ts';

/** Three real photos, each with a GPS position: a 12 MP phone shot, one upside down (EXIF 3), a 21:9 frame. */
const PHOTOS = [
  'photo-12mp-pixel-orient1-gps.jpg',
  'photo-8mp-iphone5-orient3-gps.jpg',
  'photo-9mp-nokia83-wide-gps.jpg',
] as const;
const [FIRST, SECOND, THIRD] = PHOTOS;
/** A fourth, added while the receiver does not answer. */
const QUEUED = 'orient-landscape-1.jpg';

test.describe.configure({ mode: 'serial' });

let port: number;
let server: DemoServer;
let context: BrowserContext;
let page: Page;
let violations: string[];
/** This run's own folder: the upload folder and the production build (a second run may be at work beside it). */
let work: string;
let uploadDir: string;
/** The photo whose profile the tests open, once stored. */
let opened: StoredUpload;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  work = mkdtempSync(join(tmpdir(), 'imagespec-demo-'));
  uploadDir = join(work, 'uploads');
  port = await freePort();
  server = await startDemoServer({ mode: 'dev', port, uploadDir });
  context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  violations = watchForViolations(context);
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('an empty gallery invites the first photo; every response carries the strict headers', async ({}, testInfo) => {
  const response = await page.goto('/demo/');
  const headers = response!.headers();
  const policy = new Map(
    headers['content-security-policy']!.split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
  const sources = [...policy.values()].flat();
  expect(sources).not.toContain("'unsafe-inline'");
  expect(sources).not.toContain("'unsafe-eval'");
  expect(policy.get('worker-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(policy.get('style-src')).toEqual(["'self'"]);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['permissions-policy']).toContain('geolocation=()');

  await expect(page.getByRole('heading', { name: 'No photos yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose photos' })).toBeVisible();
  await expect(page.locator('#grid .card')).toHaveCount(0);
  await expectNoAxeViolations(page, 'empty gallery');
  await shootEverySize(page, 'empty', testInfo);
});

test('three photos added through the widget become three 100x75 thumbnails, and the server stores each version once', async () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  test.setTimeout(180_000);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose photos' }).click();
  await (await chooser).setFiles(PHOTOS.map((name) => resolve(FIXTURES_DIR, name)));

  const stored = page.locator('#grid .card[data-state="stored"]');
  await expect(stored).toHaveCount(3, { timeout: 150_000 });
  for (const image of await stored.locator('img.thumb').all()) {
    await expect(image).toHaveJSProperty('complete', true);
    await expect(image).toHaveJSProperty('naturalWidth', 100);
    await expect(image).toHaveJSProperty('naturalHeight', 75);
  }
  await expect(page.getByRole('heading', { name: 'No photos yet' })).toBeHidden();

  const uploads = await storedState(uploadDir, server.url);
  expect(uploads.map((upload) => upload.sourceName).sort()).toEqual([...PHOTOS].sort());
  for (const upload of uploads) {
    expect(Object.keys(upload.versions).sort()).toEqual(['display', 'original', 'thumbnail']);
    expect([upload.versions['thumbnail']!.width, upload.versions['thumbnail']!.height]).toEqual([100, 75]);
    expect([upload.versions['display']!.width, upload.versions['display']!.height]).toEqual([200, 400]);
  }
  opened = uploads.find((upload) => upload.sourceName === FIRST)!;
});

test('a photo opens at its own address: a grey 200x400 display version and a link to the original as added, less its GPS position', async () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  await page.getByRole('link', { name: new RegExp(`^${FIRST}`) }).click();
  await expect(page).toHaveURL(`/demo/photos/${opened.uploadId}`);
  await expect(page.getByRole('heading', { level: 1, name: FIRST })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Your photos' })).toBeHidden();

  const displayed = await readDisplayed(page.getByRole('img', { name: `Black-and-white version of ${FIRST}` }));
  expect([displayed.width, displayed.height]).toEqual([200, 400]);
  expectGrey(displayed, 2);
  // The display version as stored is the photo's luma, as sharp makes it from the same file (a
  // grey made from one channel is 10 to 40 levels off).
  const display = opened.versions['display']!;
  await expectLikeReference(`${FIRST} display`, readFixture(FIRST), EXAMPLE_SPECS.display, {
    data: readFileSync(resolve(uploadDir, display.key)),
    type: display.type,
    width: display.width,
    height: display.height,
  });

  const original = await page.getByRole('link', { name: /^Open the original/ }).getAttribute('href');
  const answer = await context.request.get(original!);
  expect(answer.headers()['x-content-type-options']).toBe('nosniff');
  await expectOriginalWithoutGps(await answer.body(), readFixture(FIRST));
});

test('reload, back and forward keep the gallery and the profile', async () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: FIRST })).toBeVisible();
  await expect(page.locator('#display-image')).toHaveJSProperty('naturalHeight', 400);

  await page.goBack();
  await expect(page).toHaveURL('/demo/');
  await expect(page.locator('#grid .card[data-state="stored"]')).toHaveCount(3);
  await expect(page.getByRole('heading', { level: 1, name: FIRST })).toBeHidden();
  await page.goForward();
  await expect(page).toHaveURL(`/demo/photos/${opened.uploadId}`);
  await expect(page.getByRole('heading', { level: 1, name: FIRST })).toBeVisible();
});

test('the full gallery and a profile pass axe-core, light and dark, and are photographed at 375 and 1280 px', async ({}, testInfo) => {
  test.skip(!hasFixtures, NO_FIXTURES);
  test.setTimeout(120_000);
  await expectNoAxeViolations(page, 'profile');
  await shootEverySize(page, 'profile', testInfo);
  await page.getByRole('link', { name: '← All photos' }).click();
  await expect(page.locator('#grid .card[data-state="stored"]')).toHaveCount(3);
  await expectNoAxeViolations(page, 'full gallery');
  await shootEverySize(page, 'gallery', testInfo);
});

test('after a server restart (as the production build) the gallery still shows the three photos, from the cache, and a profile address opens its photo', async () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  test.setTimeout(180_000);
  // Off the page first: Vite's dev client would poll for the server's return from a blob: worker,
  // which the demo's CSP refuses (a dev-server tool, absent from the production build).
  await page.goto('about:blank');
  await server.stop();
  await buildDemo(join(work, 'dist'));
  server = await startDemoServer({ mode: 'preview', port, uploadDir, outDir: join(work, 'dist') });

  await page.goto('/demo/');
  const stored = page.locator('#grid .card[data-state="stored"]');
  await expect(stored).toHaveCount(3);
  // The same origin as before the restart: this browser's cache still holds the thumbnails.
  await expect(page.locator('#grid .card[data-thumbnail-from="cache"]')).toHaveCount(3);
  await expect(page.locator('#gallery-summary')).toContainText("3 read from this browser's cache");
  await page.goto(`/demo/photos/${opened.uploadId}`);
  await expect(page.getByRole('heading', { level: 1, name: FIRST })).toBeVisible();
  await expect(page.locator('#display-image')).toHaveJSProperty('naturalWidth', 200);
  await page.goto('/demo/');
});

test('a photo still in the upload queue is listed, marked, with its thumbnail, across a reload; it joins the gallery once stored', async () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  test.setTimeout(120_000);
  // The receiver gets nothing until the end of the test: the upload waits in the queue.
  const held: Route[] = [];
  await page.route('**/api/uploads', (route) =>
    route.request().method() === 'POST' ? void held.push(route) : route.continue(),
  );
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose photos' }).click();
  await (await chooser).setFiles(resolve(FIXTURES_DIR, QUEUED));
  const card = page.locator('#grid .card', { hasText: QUEUED });
  await expect(card).toHaveAttribute('data-state', 'uploading', { timeout: 60_000 });
  await expect(card.locator('.badge')).toHaveText('Uploading…');
  await expect(card.locator('img.thumb')).toHaveJSProperty('naturalWidth', 100);
  await expect(card.getByRole('link')).toHaveCount(0);

  await page.reload();
  // Listed again from the queue, its thumbnail read from this browser's cache.
  await expect(card).toHaveAttribute('data-thumbnail-from', 'cache');
  await expect(card.locator('.badge')).toBeVisible();
  await expect(card.locator('img.thumb')).toHaveJSProperty('naturalHeight', 75);

  await page.unroute('**/api/uploads');
  for (const route of held) await route.continue().catch(() => undefined);
  await expect(card).toHaveAttribute('data-state', 'stored', { timeout: 60_000 });
  await expect(page.locator('#grid .card[data-state="stored"]')).toHaveCount(4);
});

test('a deleted photo is gone from the gallery, the server and the cache; the others stay', async () => {
  test.skip(!hasFixtures, NO_FIXTURES);
  const before = await storedState(uploadDir, server.url);
  const gone = before.find((upload) => upload.sourceName === SECOND)!;
  // imagespec's cache knows a photo by the hash of the file picked (the source stored is the file less its GPS).
  const pickedHash = (name: string) => createHash('sha256').update(readFixture(name)).digest('hex');
  expect(await cachedEntries(page, pickedHash(SECOND))).toBe(2);

  await page.getByRole('button', { name: `Delete ${SECOND}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('#grid .card')).toHaveCount(3);
  await expect(page.getByRole('link', { name: new RegExp(`^${SECOND}`) })).toHaveCount(0);
  await expect(page.locator('#status')).toHaveText(`${SECOND} deleted.`);

  const after = await storedState(uploadDir, server.url);
  expect(after.map((upload) => upload.sourceName).sort()).toEqual([FIRST, THIRD, QUEUED].sort());
  expect(await cachedEntries(page, pickedHash(SECOND))).toBe(0);
  for (const kept of after) expect(await cachedEntries(page, pickedHash(kept.sourceName))).toBe(2);
  const profile = await context.request.get(`/api/uploads/${gone.uploadId}`);
  expect(profile.status()).toBe(404);
});

test('no page of the run met a CSP violation (and the watch does see one)', async () => {
  expect(violations).toEqual([]);
  await page.evaluate(() => {
    const image = document.createElement('img');
    image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.body.append(image);
  });
  await expect.poll(() => violations.length).toBe(1);
  expect(violations[0]).toContain('img-src');
});
