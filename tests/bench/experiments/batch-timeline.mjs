// Workload (c) file by file: a batch of the corpus photos through one pool of 1 and 2 workers,
// with when each file was queued for a worker (read, hashed and looked up), taken by a worker,
// and done, plus how long the workers sat idle while files were waiting to be read. Peak memory
// and CPU as the bench measures them. --rows prints every file; --profile the page's main-thread
// functions by self time; --mode no-cache (cache: false) or original-only (no worker: reading and
// hashing alone); with JSFLAGS=--expose-gc, a mode containing 'gc' collects the page's garbage
// after each file (what is left is the workers').
//   node tests/bench/experiments/batch-timeline.mjs [--files 20] [--sizes 1,2] [--port 5470]
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { launchOptions } from '../../support/chromium.mjs';
import { openBenchPage, pagePhoto } from '../lib/pages.mjs';
import { loadPhotos } from '../lib/photos.mjs';
import { RendererProbe } from '../lib/renderer-probe.mjs';
import { startBenchServer } from '../lib/server.mjs';

const { values } = parseArgs({
  options: {
    files: { type: 'string' },
    sizes: { type: 'string' },
    port: { type: 'string' },
    fixtures: { type: 'string' },
    rows: { type: 'boolean' },
    profile: { type: 'boolean' },
    mode: { type: 'string' },
  },
});
const files = Number(values.files ?? 20);
const sizes = (values.sizes ?? '1,2').split(',').map(Number);
const repoRoot = resolve(import.meta.dirname, '../../..');
const fixturesDir = resolve(repoRoot, values.fixtures ?? '../shared/fixtures');
const photos = loadPhotos(fixturesDir).map(pagePhoto);

const { server, baseUrl } = await startBenchServer({ repoRoot, fixturesDir, port: Number(values.port ?? 5470) });
const launch = launchOptions();
const browser = await chromium.launch({
  ...launch,
  args: [...launch.args, ...(process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : [])],
});
const probe = new RendererProbe(await browser.newBrowserCDPSession());
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`,
);
// In the bench page: its own pool (warmed with one file per worker) and files, as bench.ts does.
const PREPARE = async ([list, poolSize, count]) => {
  const { createImagespecPool, specsFor } = await import('/tests/bench/adapters/imagespec.ts');
  const { processImage } = await import('/src/index.ts');
  const { WORKLOADS } = await import('/tests/bench/workloads.ts');
  const { longTasksBetween } = await import('/tests/bench/pages/long-tasks.ts');
  const specs = specsFor(WORKLOADS.a);
  const blobs = await Promise.all(list.map((photo) => fetch(photo.url).then((response) => response.blob())));
  let made = 0;
  const unique = (index) =>
    new File(
      [blobs[index % blobs.length], `imagespec-timeline:${++made}:${crypto.randomUUID()}`],
      list[index % list.length].name,
      {
        type: 'image/jpeg',
      },
    );
  const pool = createImagespecPool({ size: poolSize });
  await Promise.all(Array.from({ length: poolSize }, (_, index) => processImage(unique(index), specs, { pool })));
  const batch = Array.from({ length: count }, (_, index) => unique(index));
  window.timeline = {
    async run(mode) {
      const options = mode.includes('no-cache') ? { cache: false } : {};
      const used = mode === 'original-only' ? { original: specs.original } : specs;
      const start = performance.now();
      const rows = batch.map((file, index) => ({ index, name: file.name, queued: 0, taken: 0, done: 0 }));
      await Promise.all(
        batch.map((file, index) => {
          const row = rows[index];
          return processImage(file, used, {
            ...options,
            pool,
            onProgress: ({ stage }) => {
              const now = performance.now() - start;
              if (stage === 'queued') row.queued = now;
              if (stage === 'decode') row.taken = now;
              if (stage === 'done') row.done = now;
              if (stage === 'done' && mode.includes('gc')) setTimeout(() => globalThis.gc());
            },
          });
        }),
      );
      const end = performance.now();
      return { ms: end - start, files: rows, longTasks: await longTasksBetween(start, end) };
    },
  };
};

try {
  for (const size of sizes) {
    const { context, page } = await openBenchPage(browser, baseUrl, 'timeline');
    await page.evaluate(PREPARE, [photos, size, files]);
    const session = values.profile ? await page.context().newCDPSession(page) : undefined;
    if (session) {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 500 });
      await session.send('Profiler.start');
    }
    await probe.reset();
    const result = await page.evaluate((mode) => window.timeline.run(mode), values.mode ?? 'default');
    const peak = probe.read();
    if (session) {
      const { profile } = await session.send('Profiler.stop');
      const self = new Map();
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const deltas = profile.timeDeltas;
      profile.samples.forEach((id, index) => {
        const frame = byId.get(id).callFrame;
        const key = `${frame.functionName || '(anon)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (deltas[index] ?? 0) / 1000);
      });
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
      for (const [key, ms] of top) console.log(`  ${ms.toFixed(0)} ms  ${key}`);
    }
    await context.close();
    const rows = result.files.map((file) => ({
      ...file,
      ready: file.queued,
      wait: file.taken - file.queued,
      work: file.done - file.taken,
    }));
    // Worker idle: time, summed over workers, when fewer than `size` files were in a worker.
    const edges = rows.flatMap((row) => [
      [row.taken, 1],
      [row.done, -1],
    ]);
    edges.sort((a, b) => a[0] - b[0]);
    let busy = 0;
    let last = 0;
    let idle = 0;
    for (const [time, step] of edges) {
      idle += (size - Math.min(busy, size)) * (time - last);
      busy += step;
      last = time;
    }
    const lastDone = Math.max(0, ...rows.map((row) => row.done));
    console.log(
      `\n${size} worker(s), ${files} files: ${result.ms.toFixed(0)} ms, ${((files / result.ms) * 1000).toFixed(2)} files/s, CPU ${peak?.cpuMs} ms, peak memory ${(peak?.riseBytes / 2 ** 20).toFixed(0)} MB, long tasks ${result.longTasks.count} (max ${result.longTasks.maxMs.toFixed(0)} ms); worker idle ${idle.toFixed(0)} ms of ${(size * lastDone).toFixed(0)}`,
    );
    if (values.rows) {
      const keys = Object.keys(rows[0]).filter((key) => !['index', 'name'].includes(key));
      console.log(`| file | ${keys.join(' | ')} |`);
      for (const row of rows) {
        console.log(
          `| ${row.index} ${row.name.slice(6, 20)} | ${keys.map((key) => row[key]?.toFixed(0)).join(' | ')} |`,
        );
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
