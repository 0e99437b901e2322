// Whole pipelines for workload (b)'s output (fit 2048, JPEG 0.85) on orientation-1 photos:
// today's decode + resample against decoding at a reduced size with WebCodecs ImageDecoder
// (desiredWidth/Height: the smallest 1/2, 1/4 or 1/8 that is still at least the target), which
// lets the JPEG decoder skip work. Wall and renderer CPU time
// (median of --runs after a warm-up) and SSIM / PSNR against sharp lanczos3.
//   node tests/bench/experiments/pipelines.mjs [--runs 5] [--photo NAME]...
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { launchOptions } from '../../support/chromium.mjs';
import { loadPhotos } from '../lib/photos.mjs';
import { scoreOutput } from '../lib/quality.mjs';
import { RendererProbe } from '../lib/renderer-probe.mjs';
import { startBenchServer } from '../lib/server.mjs';
import { median } from '../lib/stats.mjs';

const PIPELINES = [
  'bitmap + imagespec today',
  'bitmap + drawImage high',
  'scaled decode + drawImage high',
  'scaled decode + lanczos3',
];
const { values } = parseArgs({
  options: { runs: { type: 'string' }, photo: { type: 'string', multiple: true }, fixtures: { type: 'string' } },
});
const runs = Number(values.runs ?? 5);
const repoRoot = resolve(import.meta.dirname, '../../..');
const fixturesDir = resolve(repoRoot, values.fixtures ?? '../shared/fixtures');
const upright = loadPhotos(fixturesDir).filter((photo) => photo.orientation === 1);
const photos = values.photo
  ? upright.filter((photo) => values.photo.includes(photo.name))
  : [upright[0], upright.find((photo) => photo.megapixels < 13)];

const { server, baseUrl } = await startBenchServer({ repoRoot, fixturesDir, port: 5470 });
const shared = await server.ssrLoadModule('/tests/bench/workloads.ts');
const browser = await chromium.launch(launchOptions());
const probe = new RendererProbe(await browser.newBrowserCDPSession());
try {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/tests/bench/experiments/pipelines.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  for (const photo of photos) {
    await page.evaluate((url) => window.pipelines.load(url), photo.url);
    const size = shared.fitSize(photo, { width: 2048, height: 2048 });
    const stored = { width: photo.width, height: photo.height };
    console.log(
      `\n${photo.name} (${photo.width}x${photo.height}) -> ${size.width}x${size.height}\n| pipeline | decoded width | wall ms | CPU ms | SSIM | PSNR dB |\n|---|---:|---:|---:|---:|---:|`,
    );
    for (const pipeline of PIPELINES) {
      const samples = [];
      let last;
      for (let round = 0; round <= runs; round++) {
        await probe.reset();
        last = await page.evaluate((args) => window.pipelines.run(...args), [pipeline, stored, size, round === runs]);
        if (round > 0) samples.push({ ms: last.ms, cpu: probe.read()?.cpuMs ?? NaN });
      }
      const score = await scoreOutput({
        sourcePath: photo.path,
        bytes: Buffer.from(last.base64, 'base64'),
        region: { x: 0, y: 0, ...stored },
      });
      console.log(
        `| ${pipeline} | ${last.decodedWidth} | ${median(samples.map((s) => s.ms)).toFixed(0)} | ${median(samples.map((s) => s.cpu)).toFixed(0)} | ${score.ssim?.toFixed(4) ?? score.error} | ${score.psnr?.toFixed(1) ?? ''} |`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
}
