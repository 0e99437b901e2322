// Node-side helpers for the cache tests: open the cache harness, run processImage in it on bytes
// made here with sharp, and get variants back as Buffers.
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import type { Specs } from '../../src/index.ts';
import type { CachePageVariant, CacheRunOptions, CacheRunOutcome } from '../pages/cache-harness.ts';
import { openHarness, serveBytes } from './page.ts';

export const CACHE_HARNESS = '/tests/pages/cache-harness.html';

export function openCacheHarness(page: Page): Promise<void> {
  return openHarness(page, CACHE_HARNESS);
}

export type NodeCacheVariant = Omit<CachePageVariant, 'base64'> & { data: Buffer };
export type CacheOutcome = Omit<Extract<CacheRunOutcome, { ok: true }>, 'variants'> & {
  variants: Record<string, NodeCacheVariant>;
};

/** Runs processImage in the cache harness; fails the test on a processing error. */
export async function processCached(
  page: Page,
  name: string,
  bytes: Buffer,
  specs: Specs,
  options: CacheRunOptions = {},
): Promise<CacheOutcome> {
  const url = await serveBytes(page, bytes);
  // Specs go across as plain JSON: Playwright's recursive argument types choke on JsonValue.
  const json = JSON.stringify({ url, name, specs, options });
  const outcome = await page.evaluate((json) => {
    const { url, name, specs, options } = JSON.parse(json) as {
      url: string;
      name: string;
      specs: Specs;
      options: CacheRunOptions;
    };
    return window.cacheHarness.run(url, name, specs, options);
  }, json);
  if (!outcome.ok)
    throw new Error(`expected success, got ${outcome.error.code ?? outcome.error.name}: ${outcome.error.message}`);
  return { ...outcome, variants: decodeVariants(outcome.variants) };
}

export function decodeVariants(variants: Record<string, CachePageVariant>): Record<string, NodeCacheVariant> {
  return Object.fromEntries(
    Object.entries(variants).map(([key, { base64, ...rest }]) => [
      key,
      { ...rest, data: Buffer.from(base64, 'base64') },
    ]),
  );
}

/** Counts the workers a page starts from now on. */
export function countWorkers(page: Page): { readonly count: number } {
  const counter = { count: 0 };
  page.on('worker', () => counter.count++);
  return counter;
}

/**
 * A JPEG of `circles` coloured discs on a coloured ground, the same for the same seed (unless
 * `grain`): each seed gives other bytes, and photos with as many discs give variants of about
 * the same size.
 */
export async function makePhoto(
  seed: number,
  options: { width?: number; height?: number; circles?: number; grain?: boolean } = {},
): Promise<Buffer> {
  const { width = 1600, height = 1200, circles = 6, grain = false } = options;
  let state = seed * 7919 + 17;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const shapes = Array.from({ length: circles }, () => {
    const colour = `rgb(${Math.floor(random() * 255)},${Math.floor(random() * 255)},${Math.floor(random() * 255)})`;
    return `<circle cx="${Math.floor(random() * width)}" cy="${Math.floor(random() * height)}" r="${Math.floor((0.1 + random() * 0.25) * height)}" fill="${colour}"/>`;
  }).join('');
  const background = `rgb(${Math.floor(random() * 255)},${Math.floor(random() * 255)},${Math.floor(random() * 255)})`;
  // Grain (random, so not the same per seed) makes a camera-sized file: what hashing really costs.
  const ground = grain
    ? sharp({ create: { width, height, channels: 3, background, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    : sharp({ create: { width, height, channels: 3, background } });
  const discs = Buffer.from(
    `<svg width="${width}" height="${height}"><g opacity="${grain ? 0.6 : 1}">${shapes}</g></svg>`,
  );
  return sharp(await ground.png({ compressionLevel: 0 }).toBuffer())
    .composite([{ input: discs, blend: 'over' }])
    .jpeg({ quality: 90 })
    .toBuffer();
}
