// Browser-side helpers for the demo gallery's test: what the page shows (pixels, cache entries),
// what it must never do (CSP violations), how it is photographed and checked for accessibility.
import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeRgba, type Raw } from './pixels.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

/** The cache database the demo's pages share (imagespec's default). */
const CACHE_DATABASE = 'imagespec-cache';

/**
 * Collects every CSP violation (and Permissions-Policy complaint) of every page and worker of
 * `context`, from now on. Pages report through their `securitypolicyviolation` event; workers,
 * which the page cannot listen to, through the console.
 */
export function watchForViolations(context: BrowserContext): string[] {
  const seen: string[] = [];
  void context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(
        `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI} on ${event.documentURI} (${event.sourceFile}:${event.lineNumber}:${event.columnNumber})`,
      ),
    ),
  );
  const watchPage = (page: Page) => {
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('CSP violation:') || text.includes('Permissions-Policy')) {
        console.log(`[${new Date().toISOString()}] ${text}`);
        seen.push(text);
      }
    });
    page.on('worker', (worker) =>
      worker.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) seen.push(`worker ${worker.url()}: ${message.text()}`);
      }),
    );
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return seen;
}

/** The pixels an `<img>` shows, as the page decoded them. */
export async function readDisplayed(image: Locator): Promise<Raw> {
  const base64 = await image.evaluate(async (element: HTMLImageElement) => {
    await element.decode();
    const canvas = new OffscreenCanvas(element.naturalWidth, element.naturalHeight);
    canvas.getContext('2d')!.drawImage(element, 0, 0);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  return decodeRgba(Buffer.from(base64, 'base64'));
}

/** How many versions of one source imagespec's cache holds in this page's origin (plain IndexedDB). */
export function cachedEntries(page: Page, sourceSha256: string): Promise<number> {
  return page.evaluate(
    ([name, source]) =>
      new Promise<number>((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onerror = () => reject(opening.error ?? new Error(`cannot open ${name}`));
        opening.onsuccess = () => {
          const db = opening.result;
          const count = db.transaction('entries').objectStore('entries').index('by-source').count(source);
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error ?? new Error('count failed'));
        };
      }),
    [CACHE_DATABASE, sourceSha256] as const,
  );
}

const SIZES = [
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];
const SCHEMES = ['light', 'dark'] as const;

/**
 * Full-page screenshots of the current page at 375 and 1280 px, light and dark, written to
 * test-results/screenshots/demo-<name>-<width>-<scheme>.png and attached to the report. Leaves
 * the page at 1280 px, light.
 */
export async function shootEverySize(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const size of SIZES) {
    for (const colorScheme of SCHEMES) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await page.waitForFunction(() => [...document.images].every((image) => image.complete));
      const path = resolve(SCREENSHOTS, `demo-${name}-${size.width}-${colorScheme}.png`);
      await page.screenshot({ path, fullPage: true, animations: 'disabled' });
      await testInfo.attach(`${name} at ${size.width} px, ${colorScheme}`, { path, contentType: 'image/png' });
    }
  }
  await page.setViewportSize(SIZES[1]!);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** axe-core finds nothing on the page as it is now, in the light and in the dark. Leaves it light. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const found = violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect(found, `axe-core on the ${what}, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
