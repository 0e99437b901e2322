// <imagespec-upload> in upload mode, as a site installs it: the built dist/ from a sub-path,
// under a strict CSP, uploading to imagespec/server (the receiver the demo mounts). Tests end
// with the receiver's ledger: each version of each photo stored exactly once. Every test uses photos of its own (a repeat would be
// recognised by its bytes and not stored again, and the check could not fail).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { drawLocatedPhoto, drawPhoto } from './support/images.ts';
import { openHarness } from './support/page.ts';
import {
  exifOf,
  expectNoViolations,
  expectStoredOnce,
  interceptFileChoosers,
  jpeg,
  rows,
  settled,
  type RecordedEvent,
} from './support/widget-page.ts';
import { startWidgetSite, type WidgetSite } from './support/widget-site.ts';

let site: WidgetSite;

test.beforeAll(async () => {
  site = await startWidgetSite();
  for (let i = 0; i < 14; i++) site.put(`/input/photo-${i}.jpg`, await drawPhoto(1200 + 8 * i, 900));
  site.put('/input/notes.jpg', Buffer.from('These are notes, not a photo.\n'.repeat(40)));
  // Past a 1 MB limit; what follows the JPEG signature never matters, the size is refused first.
  site.put('/input/big.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1_500_000)]));
});
test.afterAll(async () => site?.close());
test.beforeEach(async () => site.receiver.resetFaults());

async function openWidget(page: Page, query = ''): Promise<void> {
  await openHarness(page, `${site.origin}/app/upload.html${query}`);
}

function events(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => window.widgetTest.events());
}

/** The label (or text) of the element focused inside the page, shadow roots included. */
function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '';
  });
}

/** Presses Tab until the focused element is labelled `label`; fails after a dozen. */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 12; i++) {
    if ((await focusedLabel(page)) === label) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${label}"`);
}

/** Every row uploaded, previewed from the 160x160 thumbnail blob. */
async function expectUploadedWithPreviews(page: Page, names: string[]): Promise<void> {
  const shown = await rows(page);
  expect(shown.map((row) => [row.name, row.state, row.status])).toEqual(
    names.map((name) => [name, 'uploaded', 'Uploaded']),
  );
  for (const row of shown) {
    expect(row.preview, `preview of ${row.name}`).toMatchObject({ width: 160, height: 160 });
    expect(row.preview!.src).toMatch(/^blob:/);
  }
}

test('photos picked through the file chooser are previewed, processed and uploaded, each version once', async ({
  page,
}) => {
  await openWidget(page);
  interceptFileChoosers(page);
  const chooser = page.waitForEvent('filechooser');
  await page.locator('imagespec-upload').getByRole('button', { name: 'Choose photos' }).click();
  await (
    await chooser
  ).setFiles([
    { name: 'photo-0.jpg', mimeType: 'image/jpeg', buffer: await drawPhoto(1200, 900) },
    { name: 'photo-1.jpg', mimeType: 'image/jpeg', buffer: await drawPhoto(1208, 900) },
  ]);
  await settled(page, 2);
  await expectUploadedWithPreviews(page, ['photo-0.jpg', 'photo-1.jpg']);
  const seen = await events(page);
  const progress = seen.filter((event) => event.type === 'progress' && event.name === 'photo-0.jpg');
  const processing = progress.filter((event) => event.stage === 'processing').map((event) => event.progress!);
  const uploading = progress.filter((event) => event.stage === 'uploading').map((event) => event.progress!);
  expect(processing.length).toBeGreaterThan(1);
  expect(processing).toEqual([...processing].sort((a, b) => a - b));
  expect(uploading.at(-1)).toBe(1);
  // Both are processed at once: with more than one worker (the pool's size follows the machine's
  // cores) either may finish first.
  expect(
    seen
      .filter((event) => event.type === 'uploaded')
      .map((event) => event.name)
      .sort(),
  ).toEqual(['photo-0.jpg', 'photo-1.jpg']);
  expect(seen.at(-1)).toMatchObject({ type: 'complete', count: 2 });
  await expectStoredOnce(site, ['photo-0.jpg', 'photo-1.jpg']);
  await expectNoViolations(page);
});

test('photos dropped on the element show the drop state, then are processed and uploaded', async ({ page }) => {
  await openWidget(page);
  const zone = page.locator('imagespec-upload').locator('[part=dropzone]');
  await page.evaluate((inputs) => window.widgetTest.dragOver(inputs), [jpeg('photo-2.jpg')]);
  await expect(zone).toHaveAttribute('data-dragging', '');
  await expect(zone).toContainText('Drop to add');
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), [jpeg('photo-2.jpg'), jpeg('photo-3.jpg')]);
  await expect(zone).not.toHaveAttribute('data-dragging');
  await settled(page, 2);
  await expectUploadedWithPreviews(page, ['photo-2.jpg', 'photo-3.jpg']);
  await expectStoredOnce(site, ['photo-2.jpg', 'photo-3.jpg']);
  await expectNoViolations(page);
});

test('a photo pasted while the element has focus is processed and uploaded, its original without its location', async ({
  page,
}) => {
  const located = await drawLocatedPhoto(1000, 750);
  expect(await exifOf(located)).toMatchObject({ Make: 'imagespec', GPSLatitude: [48, 51, 29.81] });
  site.put('/input/located.jpg', located);
  await openWidget(page);
  await page.locator('imagespec-upload').getByRole('button', { name: 'Choose photos' }).focus();
  await page.evaluate((inputs) => window.widgetTest.paste(inputs), [jpeg('located.jpg')]);
  await settled(page, 1);
  await expectUploadedWithPreviews(page, ['located.jpg']);
  await expectStoredOnce(site, ['located.jpg']);
  const original = (await site.receiver.ledger()).find(
    (entry) => entry.sourceName === 'located.jpg' && entry.version === 'original',
  )!;
  const stored = await exifOf(await readFile(join(site.receiver.dir, original.key)));
  expect(stored['GPSLatitude'], 'no location in the original stored').toBeUndefined();
  expect(stored).toMatchObject({ Make: 'imagespec' });
  await expectNoViolations(page);
});

test('keyboard only: tab to the element, open the picker, retry a failure, remove a file', async ({ page }) => {
  test.setTimeout(120_000);
  await site.receiver.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 500 }, times: 1 }]);
  await openWidget(page, '?retries=0');
  interceptFileChoosers(page);
  await tabTo(page, 'Choose photos');
  // Focus is visible: the button draws its focus ring for keyboard users.
  const outline = await page
    .locator('imagespec-upload')
    .getByRole('button', { name: 'Choose photos' })
    .evaluate((button) => getComputedStyle(button).outlineStyle);
  expect(outline).toBe('solid');
  // Enter opens the picker (dismissed here), Space too.
  let chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([]);
  chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (
    await chooser
  ).setFiles([
    { name: 'photo-5.jpg', mimeType: 'image/jpeg', buffer: await drawPhoto(1240, 900) },
    { name: 'photo-6.jpg', mimeType: 'image/jpeg', buffer: await drawPhoto(1248, 900) },
  ]);
  await settled(page, 2);
  const failed = (await rows(page)).find((row) => row.state === 'failed')!;
  expect(failed.status).toBe('Upload failed: the server answered 500');
  await tabTo(page, `Retry ${failed.name}`);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await rows(page)).map((row) => row.state)).toEqual(['uploaded', 'uploaded']);
  await tabTo(page, 'Remove photo-6.jpg');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await rows(page)).map((row) => row.name)).toEqual(['photo-5.jpg']);
  // Focus stays in the list: on the row before the removed one.
  expect(await focusedLabel(page)).toBe('Remove photo-5.jpg');
  expect(await page.evaluate(() => window.widgetTest.spoken())).toContain('photo-6.jpg removed');
  await expectStoredOnce(site, ['photo-5.jpg', 'photo-6.jpg']);
  await expectNoViolations(page);
});

test('a file over max-file-size, a text file named .jpg and one file too many are refused, saying why', async ({
  page,
}) => {
  await openWidget(page, '?max-file-size=1MB&max-files=2');
  await page.evaluate(
    (inputs) => window.widgetTest.drop(inputs),
    [jpeg('photo-7.jpg'), jpeg('big.jpg'), jpeg('notes.jpg'), jpeg('photo-8.jpg'), jpeg('photo-9.jpg')],
  );
  await settled(page, 5);
  const shown = await rows(page);
  expect(shown.map((row) => [row.name, row.state, row.status])).toEqual([
    ['photo-7.jpg', 'uploaded', 'Uploaded'],
    ['big.jpg', 'refused', 'Too large: 1.5 MB, the limit is 1 MB'],
    ['notes.jpg', 'refused', 'Not a type of image accepted here'],
    ['photo-8.jpg', 'uploaded', 'Uploaded'],
    ['photo-9.jpg', 'refused', 'No more than 2 photos can be added'],
  ]);
  const seen = await events(page);
  expect(seen.filter((event) => event.type === 'error').map((event) => [event.name, event.code, event.stage])).toEqual([
    ['big.jpg', 'FILE_TOO_LARGE', 'refused'],
    ['notes.jpg', 'UNSUPPORTED_FORMAT', 'refused'],
    ['photo-9.jpg', 'TOO_MANY_FILES', 'refused'],
  ]);
  // Nothing was offered, processed or sent for the refused files.
  const refused = ['big.jpg', 'notes.jpg', 'photo-9.jpg'];
  expect(seen.filter((event) => event.type !== 'error' && refused.includes(event.name!))).toEqual([]);
  expect((await site.receiver.requests()).filter((request) => request.route === 'uploads')).toHaveLength(2);
  expect((await site.receiver.ledger()).filter((entry) => refused.includes(entry.sourceName))).toEqual([]);
  await expectStoredOnce(site, ['photo-7.jpg', 'photo-8.jpg']);
  await expectNoViolations(page);
});

test('a server answering 500 for one file: that row shows the error and a working retry, the others finish', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await site.receiver.addFaults([{ route: 'uploads', fault: { kind: 'status', status: 500 }, times: 1 }]);
  await openWidget(page, '?retries=0');
  const names = ['photo-10.jpg', 'photo-11.jpg', 'photo-12.jpg'];
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), names.map(jpeg));
  await settled(page, 3);
  const shown = await rows(page);
  expect(shown.map((row) => row.state).sort()).toEqual(['failed', 'uploaded', 'uploaded']);
  const failed = shown.find((row) => row.state === 'failed')!;
  expect(failed.status).toBe('Upload failed: the server answered 500');
  const error = (await events(page)).find((event) => event.type === 'error')!;
  expect(error).toMatchObject({ name: failed.name, code: 'HTTP_ERROR', stage: 'uploading' });
  await page
    .locator('imagespec-upload')
    .getByRole('button', { name: `Retry ${failed.name}` })
    .click();
  await expect
    .poll(async () => (await rows(page)).map((row) => row.state))
    .toEqual(['uploaded', 'uploaded', 'uploaded']);
  await expectStoredOnce(site, names);
  await expectNoViolations(page);
});

test('a photo still uploading when the page reloads is listed again, previewed, and finishes', async ({ page }) => {
  // The first upload request is read and never answered: the page reloads while it hangs.
  await site.receiver.addFaults([{ route: 'uploads', fault: { kind: 'hang' }, times: 1 }]);
  await openWidget(page);
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), [jpeg('photo-13.jpg')]);
  await expect.poll(async () => (await rows(page))[0]?.state, { timeout: 30_000 }).toBe('uploading');
  await expect.poll(async () => (await site.receiver.requests()).length).toBeGreaterThan(0);
  await page.reload();
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
  await expect.poll(async () => (await rows(page)).map((row) => row.name)).toEqual(['photo-13.jpg']);
  // Its preview is the queue's own copy of the thumbnail: nothing is processed again.
  await expect.poll(async () => (await rows(page))[0]?.preview).toMatchObject({ width: 160, height: 160 });
  await settled(page, 1);
  expect((await rows(page))[0]).toMatchObject({ state: 'uploaded', status: 'Uploaded' });
  expect((await events(page)).filter((event) => event.type === 'processed')).toEqual([]);
  await expectStoredOnce(site, ['photo-13.jpg']);
  await expectNoViolations(page);
});

test('a dropped folder is walked for its images; other files in it are skipped, and that is said', async ({ page }) => {
  await openWidget(page);
  await page.evaluate(
    ([photo, notes, nested]) =>
      window.widgetTest.dropFolder('holiday', { 'beach.jpg': photo, 'notes.txt': notes, day2: { 'hill.jpg': nested } }),
    [jpeg('photo-0.jpg'), jpeg('notes.jpg'), jpeg('photo-1.jpg')] as const,
  );
  await expect
    .poll(() => page.evaluate(() => window.widgetTest.spoken()))
    .toContain('1 file in the folder is not an image and was skipped');
  expect((await rows(page)).map((row) => row.name)).toEqual(['beach.jpg', 'hill.jpg']);
  await settled(page, 2);
  await expectNoViolations(page);
});
