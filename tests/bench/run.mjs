// `npm run bench`: imagespec side by side with the libraries users would pick instead, in headless
// Chromium, on the real photos of the fixtures corpus. See USAGE in lib/cli.mjs, and issue #3.
//
// Serves its own pages (Vite, repo config, port 5400 or the next free one), launches Chromium
// with the tests' launcher, runs workloads (a) and (b) for every contender, (c) a batch through
// imagespec's pool, (d) a cache hit, then prints a markdown report with the targets and writes
// it, with the raw numbers as JSON, to bench-results/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { launchOptions } from '../support/chromium.mjs';
import { benchBatch } from './lib/batch.mjs';
import { benchCacheHit } from './lib/cache.mjs';
import { parseCli, USAGE } from './lib/cli.mjs';
import { RendererProbe } from './lib/renderer-probe.mjs';
import { generatedPhotos } from './lib/corpus.mjs';
import { chooseExamplePhotos, chooseWebPhotos, loadPhotos } from './lib/photos.mjs';
import { renderReport } from './lib/report.mjs';
import { scorePhoto } from './lib/score.mjs';
import { startBenchServer } from './lib/server.mjs';
import { sharpEntry } from './lib/sharp-contender.mjs';
import { benchAnatomy, benchWorkload } from './lib/single-file.mjs';
import { evaluateTargets } from './lib/targets.mjs';

const repoRoot = resolve(import.meta.dirname, '../..');
const log = (message) => console.error(message);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

async function main() {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const fixturesDir = resolve(repoRoot, options.fixtures ?? '../shared/fixtures');
  if (!existsSync(resolve(fixturesDir, 'manifest.json'))) {
    console.error(
      `fixtures not found: ${fixturesDir} has no manifest.json (give the folder as the first argument)\n\n${USAGE}`,
    );
    return 2;
  }
  const started = Date.now();
  const loadBefore = load();
  const allPhotos = loadPhotos(fixturesDir);
  const corpus = await generatedPhotos(repoRoot, log);
  const photosFor = {
    a: chooseExamplePhotos(allPhotos, { count: options.photoCount, names: options.photoNames }),
    b: chooseWebPhotos(allPhotos, corpus.photos, { names: options.photoNames }),
  };
  const photos = [...new Set([...photosFor.a, ...photosFor.b])];

  const { server, baseUrl } = await startBenchServer({
    repoRoot,
    fixturesDir,
    corpusDir: corpus.folder,
    port: options.port,
  });
  // The workloads are TypeScript shared with the page; Vite loads them for Node too.
  const shared = await server.ssrLoadModule('/tests/bench/workloads.ts');
  const browser = await chromium.launch(launchOptions());
  const probe = new RendererProbe(await browser.newBrowserCDPSession());
  log(`bench: ${baseUrl}, Chromium ${browser.version()}, photos: ${photos.map((photo) => photo.name).join(', ')}`);

  const single = {};
  const anatomy = {};
  let batch = null;
  let cache = null;
  try {
    for (const workloadId of ['a', 'b'].filter((id) => options.workloads.includes(id))) {
      const workload = shared.WORKLOADS[workloadId];
      anatomy[workloadId] = {};
      const useSharp = options.contenders.includes('sharp');
      single[workloadId] = await benchWorkload({
        browser,
        baseUrl,
        probe,
        workload,
        photos: photosFor[workloadId],
        contenders: options.contenders.filter((id) => id !== 'sharp'),
        extraEntries: useSharp ? [sharpEntry(shared)] : [],
        runs: workloadId === 'b' ? options.webRuns : options.runs,
        warmup: options.warmup,
        log,
        // Scored as each photo finishes, so that the outputs do not pile up in memory.
        onPhoto: (photo, results) => scorePhoto({ results, workload, photo, shared }),
      });
      if (options.anatomyRuns > 0) {
        for (const photo of photosFor.a) {
          anatomy[workloadId][photo.name] = await benchAnatomy({
            browser,
            baseUrl,
            workload,
            photo,
            runs: options.anatomyRuns,
          });
        }
      }
    }
    if (options.workloads.includes('c')) {
      log(`(c) batches of 5 and ${options.batch} files through imagespec's pool`);
      batch = await benchBatch({
        browser,
        baseUrl,
        probe,
        photos: allPhotos,
        count: options.batch,
        smallCount: Math.min(5, options.batch),
        runs: options.batchRuns,
        log,
      });
    }
    if (options.workloads.includes('d')) {
      log('(d) cache hit');
      cache = await benchCacheHit({ browser, baseUrl, photos: photosFor.a, runs: options.runs });
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }

  const cpu = cpus();
  const meta = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: `${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}`,
    chromium: browser.version(),
    runs: options.runs,
    warmup: options.warmup,
    loadBefore,
    loadAfter: load(),
    loaded: Math.max(...loadavg()) > cpus().length,
    seconds: Math.round((Date.now() - started) / 1000),
    options,
  };
  const photoInfo = photos.map(({ path: _path, url: _url, ...info }) => info);
  const targets = evaluateTargets({ photos, single, batch, cache });
  const report = renderReport({ meta, photos, workloads: shared.WORKLOADS, single, anatomy, batch, cache, targets });

  const outFile = resolve(repoRoot, options.out ?? `bench-results/bench-${meta.date.replace(/[:]/g, '-')}.json`);
  mkdirSync(resolve(outFile, '..'), { recursive: true });
  writeFileSync(
    outFile,
    `${JSON.stringify({ meta, photos: photoInfo, single, anatomy, batch, cache, targets }, null, 1)}\n`,
  );
  writeFileSync(outFile.replace(/\.json$/, '.md'), `${report}\n`);
  console.log(report);
  log(`\nwrote ${outFile} (and .md) in ${meta.seconds} s`);
  for (const target of targets) log(`${target.status.padEnd(4)}  ${target.text}: ${target.measured}`);
  return 0;
}

process.exitCode = await main();
