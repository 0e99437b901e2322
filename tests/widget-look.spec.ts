// What <imagespec-upload> looks like and whether everyone can use it, in each state a person
// meets (idle, busy, error, done, and a form with a photo ready), light and dark: axe-core finds
// no violation (inside the shadow root too), and screenshots at phone (375 px) and desktop
// (1280 px) widths go to the report and to test-results/screenshots/. Built dist/, strict CSP.
import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import sharp from 'sharp';
import { drawPhoto } from './support/images.ts';
import { openHarness } from './support/page.ts';
import { expectNoViolations, jpeg, rows, settled } from './support/widget-page.ts';
import { startWidgetSite, type WidgetSite } from './support/widget-site.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', 'test-results', 'screenshots');

let site: WidgetSite;

test.beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  site = await startWidgetSite();
  const names = ['harbour.jpg', 'meadow.jpg', 'street.jpg', 'portrait-of-a-dog-with-a-very-long-file-name.jpg'];
  for (const [i, name] of names.entries()) site.put(`/input/${name}`, await drawPhoto(1200 + 8 * i, 900));
  site.put('/input/notes.jpg', Buffer.from('These are notes, not a photo.\n'.repeat(40)));
  // Noise: a real JPEG past the 1 MB limit of the error state.
  const noise = sharp(randomBytes(1200 * 900 * 3), { raw: { width: 1200, height: 900, channels: 3 } });
  site.put('/input/panorama.jpg', await noise.jpeg({ quality: 95 }).toBuffer());
});
test.afterAll(async () => site?.close());
test.beforeEach(async () => site.receiver.resetFaults());

/** axe in light and dark, then a screenshot per scheme and width; the page must hold still meanwhile. */
async function checkState(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
      `axe in the ${state} state, ${colorScheme}`,
    ).toEqual([]);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const name = `widget-${state}-${colorScheme}-${width}.png`;
      const path = join(SCREENSHOTS, name);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    }
  }
  await expectNoViolations(page);
}

async function throttleUploads(page: Page, bytesPerSecond: number): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

test('idle', async ({ page }, testInfo) => {
  await openHarness(page, `${site.origin}/app/upload.html`);
  await checkState(page, testInfo, 'idle');
});

test('busy: photos uploading, one waiting its turn', async ({ page }, testInfo) => {
  await openHarness(page, `${site.origin}/app/upload.html`);
  // A slow uplink holds the uploads part way for as long as the checks take.
  await throttleUploads(page, 4_000);
  await page.evaluate(
    (inputs) => window.widgetTest.drop(inputs),
    [jpeg('harbour.jpg'), jpeg('meadow.jpg'), jpeg('street.jpg')],
  );
  await expect
    .poll(async () => (await rows(page)).filter((row) => row.state === 'uploading').length, { timeout: 30_000 })
    .toBe(2);
  await checkState(page, testInfo, 'busy');
  expect((await rows(page)).some((row) => row.state === 'uploading' && /^Uploading \d+%$/.test(row.status))).toBe(true);
});

test('error: a refused file, one too large, and a failed upload with its retry', async ({ page }, testInfo) => {
  await site.receiver.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 500 }, times: 1 }]);
  await openHarness(page, `${site.origin}/app/upload.html?retries=0&max-file-size=1MB`);
  await page.evaluate(
    (inputs) => window.widgetTest.drop(inputs),
    [jpeg('meadow.jpg'), jpeg('notes.jpg'), jpeg('panorama.jpg')],
  );
  await settled(page, 3);
  expect((await rows(page)).map((row) => row.state)).toEqual(['failed', 'refused', 'refused']);
  await checkState(page, testInfo, 'error');
});

test('done: every photo uploaded', async ({ page }, testInfo) => {
  await openHarness(page, `${site.origin}/app/upload.html`);
  await page.evaluate(
    (inputs) => window.widgetTest.drop(inputs),
    [jpeg('harbour.jpg'), jpeg('portrait-of-a-dog-with-a-very-long-file-name.jpg')],
  );
  await settled(page, 2);
  expect((await rows(page)).map((row) => row.state)).toEqual(['uploaded', 'uploaded']);
  await checkState(page, testInfo, 'done');
});

test('form: a photo ready to be sent with the form', async ({ page }, testInfo) => {
  await openHarness(page, `${site.origin}/app/form.html`);
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), [jpeg('street.jpg')]);
  await settled(page, 1);
  await checkState(page, testInfo, 'form');
});
