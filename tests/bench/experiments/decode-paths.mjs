// How fast can a worker decode a large JPEG? createImageBitmap against WebCodecs' ImageDecoder,
// with and without asking for half the size, and the main-thread <img> route (for reference: it
// blocks the main thread). Wall and renderer CPU time, median of --runs after one warm-up.
//   node tests/bench/experiments/decode-paths.mjs [--runs 5] [--photo NAME]...
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { launchOptions } from '../../support/chromium.mjs';
import { choosePhotos, loadPhotos } from '../lib/photos.mjs';
import { RendererProbe } from '../lib/renderer-probe.mjs';
import { startBenchServer } from '../lib/server.mjs';
import { median } from '../lib/stats.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string' }, photo: { type: 'string', multiple: true }, fixtures: { type: 'string' } },
});
const runs = Number(values.runs ?? 5);
const repoRoot = resolve(import.meta.dirname, '../../..');
const fixturesDir = resolve(repoRoot, values.fixtures ?? '../shared/fixtures');
const photos = choosePhotos(loadPhotos(fixturesDir), { count: 2, names: values.photo ?? [] });

const { server, baseUrl } = await startBenchServer({ repoRoot, fixturesDir, port: 5460 });
const browser = await chromium.launch(launchOptions());
const probe = new RendererProbe(await browser.newBrowserCDPSession());
const paths = [
  [
    'worker: createImageBitmap (full)',
    (page, full) => page.evaluate((size) => window.decodes.decodeInWorker('createImageBitmap', size), full),
  ],
  [
    'worker: createImageBitmap, resize to half',
    (page, full) => page.evaluate((size) => window.decodes.decodeInWorker('createImageBitmap-resize-half', size), full),
  ],
  [
    'worker: WebCodecs ImageDecoder (full)',
    (page, full) => page.evaluate((size) => window.decodes.decodeInWorker('ImageDecoder', size), full),
  ],
  [
    'worker: ImageDecoder, desiredWidth/Height half',
    (page, full) => page.evaluate((size) => window.decodes.decodeInWorker('ImageDecoder-desired-half', size), full),
  ],
  ['main thread: <img> drawn to a 2048 canvas', (page) => page.evaluate(() => window.decodes.imgToCanvas(2048))],
];
try {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/tests/bench/experiments/decode.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  for (const photo of photos) {
    await page.evaluate((url) => window.decodes.load(url), photo.url);
    const sideways = photo.orientation >= 5;
    const stored = sideways
      ? { width: photo.height, height: photo.width }
      : { width: photo.width, height: photo.height };
    console.log(`\n${photo.name}\n| path | wall ms | CPU ms | result |\n|---|---:|---:|---|`);
    for (const [label, run] of paths) {
      const samples = [];
      let last;
      for (let round = 0; round <= runs; round++) {
        await probe.reset();
        last = await run(page, stored);
        if (round > 0) samples.push({ ms: last.ms, cpu: probe.read()?.cpuMs ?? NaN });
      }
      console.log(
        `| ${label} | ${median(samples.map((s) => s.ms)).toFixed(0)} | ${median(samples.map((s) => s.cpu)).toFixed(0)} | ${last.width}x${last.height}${last.format ? ` ${last.format}` : ''} |`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
}
