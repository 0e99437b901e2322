import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { adjust, custom, resizeToFill } from '../src/processors.ts';
import { expectOk, openHarness, processInPage } from './support/page.ts';
import { decodeRgba } from './support/pixels.ts';

const EXAMPLE = {
  thumbnail: { processors: [resizeToFill(100, 75), adjust({ contrast: 1.2, sharpness: 1.1 })], format: 'image/jpeg', quality: 0.85 },
  display: { processors: [resizeToFill(200, 400), custom('toBW')] },
  original: { original: true },
} as const;

test('the ImageKit example makes a 100x75 thumbnail, a grey 200x400 display and the original', async ({ page }) => {
  await openHarness(page);
  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3a7' } })
    .composite([{ input: Buffer.from('<svg width="1600" height="1200"><circle cx="800" cy="600" r="400" fill="#c42"/></svg>') }])
    .jpeg()
    .toBuffer();
  const result = expectOk(await processInPage(page, 'photo.jpg', photo, EXAMPLE, { pool: 'custom' }));
  const { thumbnail, display, original } = result.variants;
  expect([thumbnail!.width, thumbnail!.height]).toEqual([100, 75]);
  expect(thumbnail!.type).toBe('image/jpeg');
  expect([display!.width, display!.height]).toEqual([200, 400]);
  expect(original!.data.equals(photo)).toBe(true);
  const grey = await decodeRgba(display!.data);
  expect([grey.width, grey.height]).toEqual([200, 400]);
  console.log(`example on a 1.9 MP JPEG: ${result.ms.toFixed(0)} ms`);
});
