// Compares candidate resampling strategies for workers/resample.ts on the fixtures' photos: time
// of resample + encode in a worker (the decode is shared and reported apart), and SSIM / PSNR
// against sharp lanczos3 with the bench's own scoring.
//   node tests/bench/experiments/resample-strategies.mjs [--runs 3] [--photo NAME]...
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { launchOptions } from '../../support/chromium.mjs';
import { choosePhotos, loadPhotos } from '../lib/photos.mjs';
import { RendererProbe } from '../lib/renderer-probe.mjs';
import { scoreOutput } from '../lib/quality.mjs';
import { startBenchServer } from '../lib/server.mjs';
import { median } from '../lib/stats.mjs';

const STRATEGIES = [
  'imagespec-now',
  'headroom-1.25',
  'headroom-2-lanczos2',
  'headroom-2-hamming',
  'draw-high',
  'draw-high-unsharp',
  'draw-medium',
  'cib-from-bitmap',
  'pica-full',
];
const { values } = parseArgs({
  options: { runs: { type: 'string' }, photo: { type: 'string', multiple: true }, fixtures: { type: 'string' } },
});
const runs = Number(values.runs ?? 3);
const repoRoot = resolve(import.meta.dirname, '../../..');
const fixturesDir = resolve(repoRoot, values.fixtures ?? '../shared/fixtures');
const photos = choosePhotos(loadPhotos(fixturesDir), { count: 2, names: values.photo ?? [] });

const { server, baseUrl } = await startBenchServer({ repoRoot, fixturesDir, port: 5450 });
const shared = await server.ssrLoadModule('/tests/bench/workloads.ts');
const browser = await chromium.launch(launchOptions());
const probe = new RendererProbe(await browser.newBrowserCDPSession());
const outputs = [
  { name: 'web 2048', spec: shared.WEB.outputs[0] },
  { name: 'thumbnail 100x75', spec: { ...shared.EXAMPLE.outputs[0], effect: undefined } },
  { name: 'display 200x400', spec: { ...shared.EXAMPLE.outputs[1], effect: undefined } },
];
try {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/tests/bench/experiments/strategies.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  for (const photo of photos) {
    const decoded = await page.evaluate((url) => window.strategies.decode(url), photo.url);
    console.log(`\n${photo.name} (${decoded.width}x${decoded.height}), decode ${decoded.ms.toFixed(0)} ms`);
    console.log(
      '| output | strategy | resample ms | resample + encode ms | CPU ms (renderer) | SSIM | PSNR dB |\n|---|---|---:|---:|---:|---:|---:|',
    );
    for (const { name, spec } of outputs) {
      const size = spec.kind === 'fill' ? { width: spec.width, height: spec.height } : shared.fitSize(photo, spec);
      const region =
        spec.kind === 'fill'
          ? shared.centredFillRegion(photo, spec)
          : { x: 0, y: 0, width: photo.width, height: photo.height };
      for (const strategy of STRATEGIES) {
        const samples = [];
        for (let round = 0; round <= runs; round++) {
          // Round 0 warms up (wasm compile, first-use costs) and is not counted.
          await probe.reset();
          const result = await page.evaluate(
            (args) => window.strategies.run(...args),
            [strategy, region, size, spec.quality, round === runs],
          );
          if (round > 0) samples.push({ ...result, cpuMs: probe.read()?.cpuMs ?? NaN });
        }
        const score = await scoreOutput({
          sourcePath: photo.path,
          bytes: Buffer.from(samples.at(-1).base64, 'base64'),
          region,
        });
        console.log(
          `| ${name} | ${strategy} | ${median(samples.map((s) => s.resampleMs)).toFixed(0)} | ${median(samples.map((s) => s.ms)).toFixed(0)} | ${median(samples.map((s) => s.cpuMs)).toFixed(0)} | ${score.ssim?.toFixed(4) ?? score.error} | ${score.psnr?.toFixed(1) ?? ''} |`,
        );
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
