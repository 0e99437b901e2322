// The issue's targets (#3), each evaluated on this run's numbers: PASS, FAIL or n/a, with the value.

const LARGE_MEGAPIXELS = 12;
const rgbaBytes = (photo) => photo.width * photo.height * 4;
const fixed = (value, digits = 2) => (value === null || value === undefined ? '?' : value.toFixed(digits));

function verdict(checks) {
  if (checks.length === 0) return 'n/a';
  return checks.every(Boolean) ? 'PASS' : 'FAIL';
}

const medianMs = (entry) => entry?.summary?.ms?.median ?? null;
const medianCpu = (entry) => entry?.summary?.cpuMs?.median ?? null;
const ssimOf = (entry, output) => entry?.quality?.[output]?.ssim ?? null;

export function evaluateTargets({ photos, single, batch, cache }) {
  const targets = [];
  const byName = new Map(photos.map((photo) => [photo.name, photo]));
  const large = photos.filter((photo) => photo.megapixels >= LARGE_MEGAPIXELS);

  // (b) speed and sharpness on photos of 12 MP and more.
  {
    const checks = [];
    const speed = [];
    const sharp = [];
    const sharpChecks = [];
    for (const photo of large) {
      const results = single.b?.[photo.name];
      if (!results) continue;
      const ratio = medianMs(results.imagespec) / medianMs(results.floor);
      const cpuRatio = medianCpu(results.imagespec) / medianCpu(results.floor);
      if (Number.isFinite(ratio)) {
        checks.push(ratio <= 1.25);
        speed.push(
          `${photo.megapixels.toFixed(1)} MP ${fixed(ratio)}x${Number.isFinite(cpuRatio) ? ` (CPU time ${fixed(cpuRatio)}x)` : ''}`,
        );
      }
      const scores = Object.entries(results)
        .map(([id, entry]) => [id, ssimOf(entry, 'web')])
        .filter(([id, value]) => value !== null && id !== 'floor');
      const mine = ssimOf(results.imagespec, 'web');
      if (scores.length && mine !== null) {
        const [bestId, best] = scores.reduce((top, candidate) => (candidate[1] > top[1] ? candidate : top));
        sharpChecks.push(mine >= best - 0.003);
        sharp.push(`${photo.megapixels.toFixed(1)} MP ${fixed(mine, 4)} vs best ${fixed(best, 4)} (${bestId})`);
      }
    }
    targets.push({
      id: 'b-speed',
      text: '(b) web 2048, photos >= 12 MP: imagespec <= 1.25x the floor',
      status: verdict(checks),
      measured: speed.join('; ') || 'no photo >= 12 MP in this run',
    });
    targets.push({
      id: 'b-ssim',
      text: "(b) web 2048, photos >= 12 MP: imagespec's SSIM within 0.003 of the best contender's",
      status: verdict(sharpChecks),
      measured: sharp.join('; ') || 'not measured',
    });
  }

  // (a) costs little more than (b) on the same photo.
  {
    const checks = [];
    const values = [];
    for (const [name, resultsA] of Object.entries(single.a ?? {})) {
      const resultsB = single.b?.[name];
      const ratio = medianMs(resultsA.imagespec) / medianMs(resultsB?.imagespec);
      const cpuRatio = medianCpu(resultsA.imagespec) / medianCpu(resultsB?.imagespec);
      if (!Number.isFinite(ratio)) continue;
      checks.push(ratio <= 1.1);
      values.push(
        `${byName.get(name).megapixels.toFixed(1)} MP ${fixed(ratio)}x${Number.isFinite(cpuRatio) ? ` (CPU time ${fixed(cpuRatio)}x)` : ''}`,
      );
    }
    targets.push({
      id: 'a-vs-b',
      text: '(a) ImageKit example: imagespec <= 1.1x its own time for (b) on the same photo',
      status: verdict(checks),
      measured: values.join('; ') || 'needs workloads a and b',
    });
  }

  // No long task for imagespec, anywhere.
  {
    const runs = [];
    for (const workload of ['a', 'b']) {
      for (const results of Object.values(single[workload] ?? {}))
        runs.push(...(results.imagespec?.runs ?? []).map((run) => ({ ...run, where: `(${workload})` })));
    }
    for (const configuration of batch?.configurations ?? [])
      runs.push(...configuration.runs.map((run) => ({ ...run, where: '(c)' })));
    for (const run of cache?.runs ?? []) runs.push({ ...run, where: '(d)' });
    const total = runs.reduce((sum, run) => sum + run.longTaskCount, 0);
    const longest = Math.max(
      0,
      ...runs.map((run) => run.longTaskMaxMs ?? (run.longTaskCount ? run.longTaskMs / run.longTaskCount : 0)),
    );
    const where = [...new Set(runs.filter((run) => run.longTaskCount).map((run) => run.where))].join(' ');
    targets.push({
      id: 'no-long-task',
      text: 'imagespec: no long task on the main thread in any workload',
      status: verdict(runs.length ? [total === 0] : []),
      measured: `${total} long task(s) in ${runs.length} runs${total ? `, in ${where}, longest ${fixed(longest, 0)} ms` : ''}`,
    });
  }

  // (c) scaling and memory.
  {
    const at = (size, count) =>
      batch?.configurations.find((configuration) => configuration.poolSize === size && configuration.count === count);
    const largest = Math.max(0, ...(batch?.configurations ?? []).map((configuration) => configuration.count));
    const one = at(1, largest)?.summary.filesPerSecond?.median;
    const two = at(2, largest)?.summary.filesPerSecond?.median;
    const scaling = two / one;
    targets.push({
      id: 'c-scaling',
      text: '(c) batch: throughput with 2 workers >= 1.7x that with 1',
      status: verdict(Number.isFinite(scaling) ? [scaling >= 1.7] : []),
      measured: Number.isFinite(scaling)
        ? `${fixed(scaling)}x (${fixed(one)} -> ${fixed(two)} files/s, ${largest} files)`
        : 'needs workload c',
    });
    const checks = [];
    const values = [];
    const smallest = Math.min(...(batch?.configurations ?? []).map((configuration) => configuration.count));
    for (const size of [...new Set((batch?.configurations ?? []).map((configuration) => configuration.poolSize))]) {
      const few = at(size, smallest)?.summary.memoryRiseBytes?.median;
      const many = at(size, largest)?.summary.memoryRiseBytes?.median;
      if (!few || !many || smallest === largest) continue;
      checks.push(many / few <= 1.5);
      values.push(`${size} worker(s): ${fixed(many / few)}x (${fixed(few / 1e6, 0)} -> ${fixed(many / 1e6, 0)} MB)`);
    }
    targets.push({
      id: 'c-memory',
      text: `(c) batch: peak memory for ${largest} photos within 1.5x of that for ${smallest}`,
      status: verdict(checks),
      measured: values.join('; ') || 'needs workload c with peak memory',
    });
  }

  // Peak memory for one large photo in flight.
  {
    const photo = photos[0];
    const rises = ['a', 'b']
      .map((workload) => single[workload]?.[photo?.name]?.imagespec?.summary?.memoryRiseBytes?.median)
      .filter((value) => value);
    const picaRises = ['a', 'b']
      .map((workload) => single[workload]?.[photo?.name]?.['pica-worker']?.summary?.memoryRiseBytes?.median)
      .filter((value) => value);
    const ratio = rises.length ? Math.max(...rises) / rgbaBytes(photo) : null;
    const pica = picaRises.length ? ` (pica in a worker: ${fixed(Math.max(...picaRises) / rgbaBytes(photo))}x)` : '';
    targets.push({
      id: 'memory-one-photo',
      text: 'peak memory for one large photo in flight <= 2x its decoded RGBA size',
      status: verdict(ratio === null ? [] : [ratio <= 2]),
      measured:
        ratio === null
          ? 'not measured'
          : `${photo.megapixels.toFixed(1)} MP: ${fixed(ratio)}x of ${fixed(rgbaBytes(photo) / 1e6, 0)} MB${pica}`,
    });
  }

  // (d) a full cache hit.
  {
    const photoResults = cache?.photo ? single.a?.[cache.photo] : null;
    const ratio = cache?.available ? cache.summary.ms.median / medianMs(photoResults?.imagespec) : null;
    targets.push({
      id: 'd-cache',
      text: '(d) full cache hit of (a): under 5% of (a)',
      status: ratio === null || !Number.isFinite(ratio) ? 'n/a' : verdict([ratio < 0.05]),
      measured: !cache
        ? 'workload d not run'
        : cache.available
          ? `${fixed(ratio * 100, 1)}% (${fixed(cache.summary.ms.median, 1)} ms)`
          : `n/a: ${cache.reason}`,
    });
  }
  return targets;
}
