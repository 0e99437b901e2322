// placeholder: 'thumbhash': a hash and a data URL a page shows while the variant loads, made in the
// worker from the spec's output.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { thumbHashToApproximateAspectRatio, thumbHashToAverageRGBA } from 'thumbhash';
import { resizeToFill, resizeToFit } from '../src/index.ts';
import { drawPhoto } from './support/images.ts';
import { expectOk, openHarness, processInPage } from './support/page.ts';

/** Mean R, G, B (0..255) of an image, by sharp. */
async function meanColour(bytes: Buffer): Promise<number[]> {
  // stats() reads the input, alpha included: keep the colour channels.
  const { channels } = await sharp(bytes).stats();
  return channels.slice(0, 3).map((channel) => channel.mean);
}

function expectNear(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual / expected - 1), `${actual} against ${expected}`).toBeLessThan(relative);
}

test.beforeEach(async ({ page }) => openHarness(page));

test("a thumbhash decodes to an image of the variant's aspect and the source's average colour", async ({ page }) => {
  const photo = await drawPhoto(1200, 600);
  const result = expectOk(
    await processInPage(page, 'photo.jpg', photo, {
      wide: { processors: [resizeToFit(600, 600)], placeholder: 'thumbhash' },
      tall: { processors: [resizeToFill(300, 600)], placeholder: 'thumbhash', format: 'image/png' },
      plain: { processors: [resizeToFit(600, 600)] },
    }),
  );
  expect(result.variants['plain']!.placeholder).toBeUndefined();
  const sourceColour = await meanColour(photo);
  for (const [name, aspect] of [
    ['wide', 2],
    ['tall', 0.5],
  ] as const) {
    const variant = result.variants[name]!;
    const { thumbhash, dataUrl } = variant.placeholder!;
    const hash = Buffer.from(thumbhash, 'base64');
    expect(hash.length).toBeLessThanOrEqual(30);
    // The hash keeps the aspect in sevenths (2:1 is 7:4), so within 15%.
    expectNear(thumbHashToApproximateAspectRatio(hash), aspect, 0.15);

    expect(dataUrl).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    const { width, height } = await sharp(png).metadata();
    expect(Math.max(width, height)).toBe(32);
    expectNear(width / height, aspect, 0.15);

    // The wide variant is the whole photo; the tall one a crop of it: compare each with what it shows.
    const shown = name === 'wide' ? sourceColour : await meanColour(variant.data);
    const placeholderColour = await meanColour(png);
    const { r, g, b } = thumbHashToAverageRGBA(hash);
    for (const [channel, expected] of shown.entries()) {
      expect(Math.abs(placeholderColour[channel]! - expected), `${name} channel ${channel}`).toBeLessThan(8);
      expect(Math.abs([r, g, b][channel]! * 255 - expected), `${name} hash average ${channel}`).toBeLessThan(8);
    }
  }
});

test('a variant read from the cache keeps its placeholder, and widths each get one', async ({ page }) => {
  const photo = await drawPhoto(800, 400);
  const specs = { hero: { widths: [200, 400], placeholder: 'thumbhash' as const } };
  const made = expectOk(await processInPage(page, 'photo.jpg', photo, specs));
  const cached = expectOk(await processInPage(page, 'photo.jpg', photo, specs));
  expect(cached.stages).not.toContain('decode');
  for (const name of ['hero-200w', 'hero-400w']) {
    expect(made.variants[name]!.placeholder!.thumbhash).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(cached.variants[name]!.placeholder).toEqual(made.variants[name]!.placeholder);
  }
});
