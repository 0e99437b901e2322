// What users install: the library build, served from a sub-path of a site with a strict CSP,
// imported by plain ES modules, with the site's own worker for custom processors.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { drawPhoto } from './support/images.ts';
import { openHarness } from './support/page.ts';
import { startStaticServer, type StaticServer } from './support/static-server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; img-src 'self' blob: data:";

let server: StaticServer;
let outDir: string;

test.beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'imagespec-dist-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.lib.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  server = await startStaticServer(
    { '/vendor/imagespec/': outDir, '/app/': join(ROOT, 'tests/consumer') },
    { 'Content-Security-Policy': CSP },
  );
  server.put('/input/photo.jpg', await drawPhoto(1600, 1200));
});

test.afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function openConsumer(page: import('@playwright/test').Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await openHarness(page, `${server.origin}/app/index.html`);
  return problems;
}

test('the built library runs the ImageKit example from a sub-path under a strict CSP', async ({ page }) => {
  const problems = await openConsumer(page);
  const outcome = await page.evaluate(() => (window as any).consumer.example('/input/photo.jpg'));
  expect(outcome.variants.thumbnail).toMatchObject({ width: 100, height: 75, type: 'image/jpeg', decoded: [100, 75] });
  expect(outcome.variants.display).toMatchObject({ width: 200, height: 400, decoded: [200, 400] });
  expect(outcome.variants.display.greySpread).toBeLessThanOrEqual(1);
  expect(outcome.originalIdentical).toBe(true);
  expect(outcome.violations).toEqual([]);
  expect(problems).toEqual([]);
  await expect(page.locator('#thumbnail')).toHaveJSProperty('naturalWidth', 100);
});

test("the built library's own worker loads relative to the library, not the site root", async ({ page }) => {
  const workerUrls: string[] = [];
  page.on('worker', (worker) => workerUrls.push(worker.url()));
  const problems = await openConsumer(page);
  const outcome = await page.evaluate(() => (window as any).consumer.builtIn('/input/photo.jpg'));
  expect(outcome.variants.web).toMatchObject({ width: 640, height: 480, type: 'image/jpeg' });
  expect(workerUrls.some((url) => url.startsWith(`${server.origin}/vendor/imagespec/assets/`))).toBe(true);
  expect(outcome.violations).toEqual([]);
  expect(problems).toEqual([]);
});
