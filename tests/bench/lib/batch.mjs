// Workload (c): 20 photos (and 5, for the memory comparison) through one imagespec pool of 1, 2
// and the default number of workers. Files cycle through the photos, each made unique (see
// pages/bench.ts) so a cache could never answer. Throughput is files per second of wall time.
// Every configuration (pool size and file count) runs in a page of its own, warmed the same way:
// a renderer that ran a batch before starts with that batch's heap, which would make the next
// run's rise in memory look smaller than it is.
import { call, openBenchPage, pagePhoto } from './pages.mjs';
import { summarise } from './stats.mjs';

/**
 * @returns {{ defaultSize: number, configurations: Array<{ label, poolSize, count, runs, summary }> }}
 */
export async function benchBatch({ browser, baseUrl, probe, photos, count, smallCount, runs, log }) {
  const inPage = photos.map(pagePhoto);
  const configurations = [];
  const defaultSize = await inNewPage(browser, baseUrl, (page) => call(page, () => window.bench.defaultPoolSize()));
  const sizes = [
    { label: '1 worker', size: 1 },
    { label: '2 workers', size: 2 },
    ...(defaultSize > 2 ? [{ label: `default (${defaultSize})`, size: defaultSize }] : []),
  ];
  for (const { label, size } of sizes) {
    for (const files of [...new Set([smallCount, count])]) {
      const samples = [];
      for (let round = 0; round < runs; round++) {
        const result = await inNewPage(browser, baseUrl, async (page) => {
          await call(page, ([list, poolSize]) => window.bench.batchPrepare(list, poolSize, 'a'), [inPage, size]);
          await call(page, ([list, n]) => window.bench.batchLoad(list, n), [inPage, files]);
          await probe.reset();
          return { ...(await call(page, () => window.bench.batchRun('a'))), peak: probe.read() };
        });
        const { peak } = result;
        if (!result.ok) throw new Error(`batch of ${files} with ${label}: ${result.error}`);
        samples.push({
          ms: result.ms,
          filesPerSecond: files / (result.ms / 1000),
          longTaskCount: result.longTasks.count,
          longTaskMs: result.longTasks.totalMs,
          longTaskMaxMs: result.longTasks.maxMs,
          cpuMs: peak?.cpuMs ?? null,
          memoryRiseBytes: peak?.riseBytes ?? null,
        });
      }
      configurations.push({
        label,
        poolSize: size,
        count: files,
        runs: samples,
        summary: {
          filesPerSecond: summarise(samples.map((sample) => sample.filesPerSecond)),
          ms: summarise(samples.map((sample) => sample.ms)),
          cpuMs: summarise(samples.map((sample) => sample.cpuMs)),
          longTaskCount: summarise(samples.map((sample) => sample.longTaskCount)),
          memoryRiseBytes: summarise(samples.map((sample) => sample.memoryRiseBytes)),
        },
      });
      log?.(`    ${label}, ${files} files: ${configurations.at(-1).summary.filesPerSecond.median.toFixed(2)} files/s`);
    }
  }
  return { defaultSize, configurations };
}

/** Runs `work` in a bench page of its own (a new renderer process), closed after. */
async function inNewPage(browser, baseUrl, work) {
  const { context, page } = await openBenchPage(browser, baseUrl, 'batch');
  try {
    return await work(page);
  } finally {
    await context.close();
  }
}
