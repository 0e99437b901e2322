// <imagespec-upload> without an endpoint: a form field. A plain <form method="post"
// enctype="multipart/form-data"> posts one file per version, `photo[version]`, to an endpoint that
// knows nothing of imagespec. Built dist/, strict CSP, as in widget.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { drawLocatedPhoto, drawPhoto } from './support/images.ts';
import { openHarness } from './support/page.ts';
import { exifOf, expectNoViolations, interceptFileChoosers, jpeg, rows, settled } from './support/widget-page.ts';
import { startWidgetSite, type WidgetSite } from './support/widget-site.ts';

let site: WidgetSite;
let portrait: Buffer;

test.beforeAll(async () => {
  site = await startWidgetSite();
  portrait = await drawPhoto(1800, 1350);
  site.put('/input/a.jpg', await drawPhoto(1000, 750));
  site.put('/input/b.jpg', await drawPhoto(1008, 750));
});
test.afterAll(async () => site?.close());

async function openForm(page: Page, query = ''): Promise<void> {
  await openHarness(page, `${site.origin}/app/form.html${query}`);
}

/** What a submit attempt did, judged in one go in the page: was work pending, did the form accept it. */
function submitNow(page: Page) {
  return page.evaluate(() => {
    const widget = document.querySelector('imagespec-upload')!;
    const form = document.querySelector('form')!;
    const pending = widget.items.some((item) => item.state === 'processing');
    const valid = form.checkValidity();
    form.requestSubmit();
    return { pending, valid, message: widget.validationMessage, missing: widget.validity.valueMissing };
  });
}

function formEntries(page: Page): Promise<string[]> {
  return page.evaluate(() => [...new FormData(document.querySelector('form')!).keys()]);
}

test('a real form post carries photo[thumbnail], photo[display] and photo[original], once the photo is processed', async ({
  page,
}) => {
  const posted = site.posts.length;
  await openForm(page);
  interceptFileChoosers(page);
  const chooser = page.waitForEvent('filechooser');
  await page.locator('imagespec-upload').getByRole('button', { name: 'Choose a photo' }).click();
  await (await chooser).setFiles([{ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: portrait }]);
  // From the moment the photo is given until it is processed the form refuses to submit, and says why
  // (the row may not be listed yet while its bytes are checked).
  const early = await submitNow(page);
  expect(early).toMatchObject({ valid: false, message: 'Wait until the photos are processed' });
  await settled(page, 1);
  expect((await rows(page))[0]).toMatchObject({ state: 'ready', status: 'Ready to send' });
  expect(await formEntries(page)).toEqual(['photo[thumbnail]', 'photo[display]', 'photo[original]']);
  await expectNoViolations(page);
  expect(site.posts, 'nothing posted before Save').toHaveLength(posted);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading')).toHaveText('Received 3 files');
  expect(site.posts).toHaveLength(posted + 1);
  const received = Object.fromEntries(site.posts.at(-1)!.map((file) => [file.field, file]));
  expect(Object.keys(received)).toEqual(['photo[thumbnail]', 'photo[display]', 'photo[original]']);
  expect(received['photo[thumbnail]']).toMatchObject({
    filename: 'portrait-thumbnail.jpg',
    type: 'image/jpeg',
    width: 160,
    height: 160,
  });
  expect(received['photo[display]']).toMatchObject({
    filename: 'portrait-display.jpg',
    type: 'image/jpeg',
    width: 1600,
    height: 1200,
  });
  expect(received['photo[original]']).toMatchObject({ filename: 'portrait.jpg', type: 'image/jpeg' });
  expect(received['photo[original]']!.bytes.equals(portrait)).toBe(true);
});

test('required: an empty element holds the form back; reset clears it as a native input', async ({ page }) => {
  const posted = site.posts.length;
  await openForm(page);
  expect(await submitNow(page)).toMatchObject({ valid: false, missing: true, message: 'Choose a photo' });
  // Without `multiple`, a second photo replaces the first.
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), [jpeg('a.jpg')]);
  await settled(page, 1);
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), [jpeg('b.jpg')]);
  await expect.poll(async () => (await rows(page)).map((row) => [row.name, row.state])).toEqual([['b.jpg', 'ready']]);
  expect(await formEntries(page)).toEqual(['photo[thumbnail]', 'photo[display]', 'photo[original]']);

  await page.getByRole('button', { name: 'Reset' }).click();
  expect(await rows(page)).toEqual([]);
  expect(await formEntries(page)).toEqual([]);
  expect(await submitNow(page)).toMatchObject({ valid: false, missing: true });
  expect(site.posts).toHaveLength(posted);
  await expectNoViolations(page);
});

test('a disabled fieldset disables the element: its button, drops and pastes', async ({ page }) => {
  await openForm(page);
  const choose = page.locator('imagespec-upload').getByRole('button', { name: 'Choose a photo' });
  await page.evaluate(() => (document.querySelector('fieldset')!.disabled = true));
  await expect(choose).toBeDisabled();
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), [jpeg('a.jpg')]);
  await page.evaluate((inputs) => window.widgetTest.paste(inputs), [jpeg('a.jpg')]);
  expect(await page.evaluate(() => window.widgetTest.events())).toEqual([]);
  await page.evaluate(() => (document.querySelector('fieldset')!.disabled = false));
  await expect(choose).toBeEnabled();
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), [jpeg('a.jpg')]);
  await settled(page, 1);
  await expectNoViolations(page);
});

test('a listener can turn a file away with the cancelable accept event; texts follow the i18n property', async ({
  page,
}) => {
  await openForm(page, '?multiple=');
  await page.evaluate(() => {
    document.addEventListener('imagespec-upload-accept', (event) => {
      if (event.detail.file.name === 'b.jpg') event.preventDefault();
    });
    document.querySelector('imagespec-upload')!.i18n = {
      locale: 'fr',
      chooseMany: 'Choisir des photos',
      ready: 'Prête à partir',
      summaryCount: { one: '{count} photo', other: '{count} photos' },
      summaryReady: { one: '{count} prête', other: '{count} prêtes' },
    };
  });
  await expect(page.locator('imagespec-upload').getByRole('button', { name: 'Choisir des photos' })).toBeVisible();
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), [jpeg('a.jpg'), jpeg('b.jpg')]);
  await settled(page, 1);
  const [row, ...others] = await rows(page);
  expect(others).toEqual([]);
  expect(row).toMatchObject({ name: 'a.jpg', status: 'Prête à partir' });
  expect(row!.size, 'a size written the French way').toMatch(/^\d+,\d\sko$/);
  await expect(page.locator('imagespec-upload').locator('[part=summary]')).toHaveText('1 photo · 1 prête');
  const accepted = (await page.evaluate(() => window.widgetTest.events())).filter((event) => event.type === 'accept');
  expect(accepted.map((event) => event.name)).toEqual(['a.jpg', 'b.jpg']);
  await expectNoViolations(page);
});

test('by default the original leaves without its location, and the widget says so; strip-metadata="none" keeps it', async ({
  page,
}) => {
  const located = await drawLocatedPhoto(800, 600);
  site.put('/input/located.jpg', located);
  site.put(
    '/input/photo.avif',
    await sharp(await drawPhoto(400, 300))
      .avif()
      .toBuffer(),
  );
  expect(await exifOf(located)).toMatchObject({ Make: 'imagespec', GPSLatitude: [48, 51, 29.81] });

  await openForm(page, '?multiple=');
  expect(await page.evaluate(() => window.widgetTest.privacy())).toContain(
    'Copies made here carry no metadata: no camera, date or location. The original is sent without its location (camera and date stay).',
  );
  await page.evaluate(
    (inputs) => window.widgetTest.drop(inputs),
    [jpeg('located.jpg'), { url: '/input/photo.avif', name: 'photo.avif', type: 'image/avif' }],
  );
  await settled(page, 2);
  expect((await rows(page)).map((row) => [row.name, row.state, row.status])).toEqual([
    ['located.jpg', 'ready', 'Ready to send'],
    ['photo.avif', 'refused', 'Its metadata cannot be removed from AVIF files before sending'],
  ]);
  const stripped = await submitForOriginal(page);
  const left = await exifOf(stripped);
  expect(left['GPSLatitude'], 'no location in the original received').toBeUndefined();
  expect(left).toMatchObject({ Make: 'imagespec' });
  // Lossless: the same pixels, decoded.
  expect((await sharp(stripped).raw().toBuffer()).equals(await sharp(located).raw().toBuffer())).toBe(true);

  await openForm(page, '?strip-metadata=none');
  expect(await page.evaluate(() => window.widgetTest.privacy())).toContain(
    'The original is sent as it is, with its camera, date and any location.',
  );
  await page.evaluate((inputs) => window.widgetTest.drop(inputs), [jpeg('located.jpg')]);
  await settled(page, 1);
  expect((await submitForOriginal(page)).equals(located), 'the original received byte for byte').toBe(true);
});

/** Submits the form and returns the `photo[original]` the endpoint received. */
async function submitForOriginal(page: Page): Promise<Buffer> {
  const posted = site.posts.length;
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading')).toHaveText(/^Received/);
  expect(site.posts).toHaveLength(posted + 1);
  return site.posts.at(-1)!.find((file) => file.field === 'photo[original]')!.bytes;
}
