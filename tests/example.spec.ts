// The ImageKit example, always run, on a photo drawn at test time: every version compared with
// sharp's reference of the same source (support/reference.ts).
import { expect, test } from '@playwright/test';
import { EXAMPLE_SPECS, expectGrey } from './support/example.ts';
import { drawPhoto } from './support/images.ts';
import { expectOk, openHarness, processInPage } from './support/page.ts';
import { decodeRgba } from './support/pixels.ts';
import { expectLikeReference, type Thresholds } from './support/reference.ts';

/** The drawn photo is sharp's own rendering: Chromium and sharp agree on it closely (measured 0.995, 1.3 levels). */
const DRAWN: Thresholds = { ssim: 0.97, lumaDifference: 3 };

test('the ImageKit example makes a 100x75 thumbnail, a grey 200x400 display and the original', async ({ page }) => {
  await openHarness(page);
  const photo = await drawPhoto(1600, 1200);
  const result = expectOk(await processInPage(page, 'photo.jpg', photo, EXAMPLE_SPECS, { pool: 'custom' }));
  const { thumbnail, display, original } = result.variants;
  expect(thumbnail).toMatchObject({ width: 100, height: 75, type: 'image/jpeg' });
  expect([display!.width, display!.height]).toEqual([200, 400]);
  expect(original!.data.equals(photo)).toBe(true);
  expectGrey(await decodeRgba(display!.data), 1);
  await expectLikeReference('thumbnail', photo, EXAMPLE_SPECS.thumbnail, thumbnail!, { thresholds: DRAWN });
  await expectLikeReference('display', photo, EXAMPLE_SPECS.display, display!, { thresholds: DRAWN });
  expect(result.source).toMatchObject({
    name: 'photo.jpg',
    width: 1600,
    height: 1200,
    type: 'image/jpeg',
    bytes: photo.length,
  });
  expect(result.source.sha256).toMatch(/^[0-9a-f]{64}$/);
});

test('a PNG with transparency keeps it by default, and a JPEG version is flattened onto white, not black', async ({
  page,
}) => {
  await openHarness(page);
  const { default: sharp } = await import('sharp');
  const transparent = await sharp({
    create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .png()
    .toBuffer();
  const result = expectOk(
    await processInPage(page, 'clear.png', transparent, {
      auto: { processors: [] },
      jpeg: { processors: [], format: 'image/jpeg' },
    }),
  );
  expect(result.variants['auto']!.type).toBe('image/png');
  const auto = await decodeRgba(result.variants['auto']!.data);
  expect(auto.data[3]).toBe(0);
  const jpeg = await decodeRgba(result.variants['jpeg']!.data);
  expect([...jpeg.data.subarray(0, 3)].every((level) => level >= 250)).toBe(true);
});

test('a picked file deleted from disk before processing is refused with READ_FAILED', async ({ page }) => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  await openHarness(page);
  const folder = mkdtempSync(join(tmpdir(), 'imagespec-picked-'));
  const path = join(folder, 'gone.jpg');
  writeFileSync(path, await drawPhoto(400, 300));
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<input id="picker" type="file">'));
  await page.locator('#picker').setInputFiles(path);
  rmSync(folder, { recursive: true });
  const outcome = await page.evaluate(async () => {
    const file = (document.getElementById('picker') as HTMLInputElement).files![0]!;
    try {
      await window.imagespec.processImage(file, {
        thumbnail: { processors: [window.imagespec.resizeToFill(100, 75)] },
      });
      return 'processed';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  });
  expect(outcome).toBe('READ_FAILED');
});
