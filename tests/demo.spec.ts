// The demo gallery, used as a person would: pick photos, open one, open its original.
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_UPLOAD_DIR } from '../playwright.config.ts';
import { drawPhoto } from './support/images.ts';

test('the gallery shows thumbnails and uploads every version; a click opens the black-and-white display, another the original', async ({
  page,
}) => {
  await page.goto('/demo/');
  const photo = await drawPhoto(1600, 1200);
  await page.locator('#picker').setInputFiles([
    { name: 'first.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'notes.txt.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not an image at all') },
  ]);
  const thumbnail = page.getByRole('img', { name: 'Thumbnail of first.jpg' });
  await expect(thumbnail).toHaveJSProperty('naturalWidth', 100);
  await expect(page.locator('.gallery .error')).toContainText('UNSUPPORTED_FORMAT');
  // All three versions reach the demo receiver together.
  await expect(page.locator('.gallery .upload')).toHaveText('uploaded', { timeout: 15_000 });
  // The receiver's own list of stored uploads (GET /api/uploads, which the demo allows).
  const { uploads } = (await (await page.request.get('/api/uploads')).json()) as {
    uploads: Array<{ source: { name: string }; versions: Record<string, { key: string; sha256: string }> }>;
  };
  const stored = uploads.find((upload) => upload.source.name === 'first.jpg')!;
  expect(Object.keys(stored.versions).sort()).toEqual(['display', 'original', 'thumbnail']);
  const original = stored.versions['original']!;
  expect(original.sha256).toBe(createHash('sha256').update(photo).digest('hex'));
  expect(readFileSync(join(DEMO_UPLOAD_DIR, original.key)).equals(photo)).toBe(true);
  await page.screenshot({ path: 'test-results/demo-gallery.png' });

  await thumbnail.click();
  const display = page.getByRole('img', { name: 'Black-and-white version of first.jpg' });
  await expect(display).toHaveJSProperty('naturalHeight', 400);
  await page.getByTitle('Show the original').click();
  await expect(page.getByRole('img', { name: 'Original of first.jpg' })).toHaveJSProperty('naturalWidth', 1600);
  await expect(page.locator('#original-caption')).toContainText('1600×1200');
  await page.screenshot({ path: 'test-results/demo-profile.png', fullPage: true });
});
