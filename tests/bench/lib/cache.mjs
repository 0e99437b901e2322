// Workload (d): the ImageKit example again on a file imagespec has already processed: a full cache
// hit, checked through the variants' `fromCache` (n/a when the run was not a full hit).
import { call, openBenchPage, pagePhoto } from './pages.mjs';
import { summarise } from './stats.mjs';

export async function benchCacheHit({ browser, baseUrl, photo, runs }) {
  const { context, page } = await openBenchPage(browser, baseUrl, 'cache');
  try {
    await call(page, ([id, photoInPage]) => window.bench.open(id, photoInPage), ['imagespec', pagePhoto(photo)]);
    const run = () => call(page, () => window.bench.run('a', { repeatFile: true }));
    const first = await run();
    const second = await run();
    if (!first.ok || !second.ok) return { available: false, reason: `error: ${first.error ?? second.error}` };
    if (!second.fromCache) return { available: false, reason: 'cache not available' };
    const samples = [];
    for (let round = 0; round < runs; round++) {
      const result = await run();
      if (result.ok && result.fromCache)
        samples.push({ ms: result.ms, longTaskCount: result.longTasks.count, longTaskMaxMs: result.longTasks.maxMs });
    }
    return {
      available: true,
      photo: photo.name,
      runs: samples,
      summary: {
        ms: summarise(samples.map((sample) => sample.ms)),
        longTaskCount: summarise(samples.map((sample) => sample.longTaskCount)),
      },
    };
  } finally {
    await context.close();
  }
}
