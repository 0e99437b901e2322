// The performance issue's targets (#13), each evaluated on this run's numbers: PASS, FAIL or n/a,
// with the values measured.
import { TARGET_MEGAPIXELS } from './photos.mjs';

const rgbaBytes = (photo) => photo.width * photo.height * 4;
const fixed = (value, digits = 2) => (value === null || value === undefined ? '?' : value.toFixed(digits));
const megapixels = (photo) => `${photo.megapixels.toFixed(1)} MP`;

/** The web version: at most this many times the floor on every photo of 8 MP and more (stretch goal beside it). */
export const WEB_SPEED = { target: 1.5, stretch: 1.25 };
/** SSIM of the web version within this much of pica's, on every photo. */
export const WEB_SSIM_MARGIN = 0.003;
/** One photo of 16 MP and more in flight: peak memory at most this many times its decoded RGBA. */
const ONE_PHOTO_MEMORY = 2;
const ONE_PHOTO_MEGAPIXELS = 16;

/**
 * The ImageKit example (a) before this issue's work, as × the floor measured in the same run (the
 * README's results at commit 486d638): "no slower than today" compares ratios to the floor, which
 * survive a busy machine better than milliseconds do. Photos not listed have no baseline.
 */
const EXAMPLE_BEFORE = {
  'photo-22mp-canon-5d3-orient1.jpg': 0.88,
  'photo-12mp-xiaomi-mi9t-orient6.jpg': 1.18,
};

function verdict(checks) {
  if (checks.length === 0) return 'n/a';
  return checks.every(Boolean) ? 'PASS' : 'FAIL';
}

const medianMs = (entry) => entry?.summary?.ms?.median ?? null;
const medianCpu = (entry) => entry?.summary?.cpuMs?.median ?? null;
const ssimOf = (entry, output) => entry?.quality?.[output]?.ssim ?? null;

function webTargets(photos, single) {
  const targets = [];
  const speedChecks = [];
  const stretch = [];
  const speed = [];
  const sharpChecks = [];
  const sharp = [];
  for (const photo of photos) {
    const results = single.b?.[photo.name];
    if (!results) continue;
    const ratio = medianMs(results.imagespec) / medianMs(results.floor);
    const cpuRatio = medianCpu(results.imagespec) / medianCpu(results.floor);
    if (Number.isFinite(ratio) && photo.megapixels >= TARGET_MEGAPIXELS) {
      speedChecks.push(ratio <= WEB_SPEED.target);
      stretch.push(ratio <= WEB_SPEED.stretch);
      speed.push(
        `${megapixels(photo)} ${fixed(ratio)}x${Number.isFinite(cpuRatio) ? ` (CPU ${fixed(cpuRatio)}x)` : ''}`,
      );
    }
    const mine = ssimOf(results.imagespec, 'web');
    const pica = ssimOf(results['pica-worker'], 'web');
    if (mine !== null && pica !== null) {
      sharpChecks.push(mine >= pica - WEB_SSIM_MARGIN);
      sharp.push(`${megapixels(photo)} ${fixed(mine, 4)} vs ${fixed(pica, 4)}`);
    }
  }
  const stretchMet = stretch.filter(Boolean).length;
  targets.push({
    id: 'b-speed',
    text: `(b) web 2048, every photo of ${TARGET_MEGAPIXELS} MP and more: imagespec <= ${WEB_SPEED.target}x the floor (stretch ${WEB_SPEED.stretch}x)`,
    status: verdict(speedChecks),
    measured: speed.length
      ? `${speed.join('; ')}; stretch met on ${stretchMet} of ${stretch.length}`
      : `no photo of ${TARGET_MEGAPIXELS} MP or more in this run`,
  });
  targets.push({
    id: 'b-ssim',
    text: `(b) web 2048, every photo: imagespec's SSIM within ${WEB_SSIM_MARGIN} of pica's`,
    status: verdict(sharpChecks),
    measured: sharp.join('; ') || 'needs imagespec and pica-worker',
  });
  return targets;
}

function exampleTarget(photos, single) {
  const byName = new Map(photos.map((photo) => [photo.name, photo]));
  const checks = [];
  const values = [];
  for (const [name, resultsA] of Object.entries(single.a ?? {})) {
    const resultsB = single.b?.[name];
    const ratio = medianMs(resultsA.imagespec) / medianMs(resultsB?.imagespec);
    const toFloor = medianMs(resultsA.imagespec) / medianMs(resultsA.floor);
    const before = EXAMPLE_BEFORE[name];
    const parts = [];
    if (Number.isFinite(ratio)) {
      checks.push(ratio <= 1.1);
      parts.push(`${fixed(ratio)}x (b)`);
    }
    if (before !== undefined && Number.isFinite(toFloor)) {
      checks.push(toFloor <= before);
      parts.push(`${fixed(toFloor)}x the floor, was ${fixed(before)}x`);
    }
    if (parts.length) values.push(`${megapixels(byName.get(name))} ${parts.join(', ')}`);
  }
  return {
    id: 'a-vs-b',
    text: '(a) ImageKit example: imagespec <= 1.1x its own time for (b) on the same photo, and no slower than before',
    status: verdict(checks),
    measured: values.join('; ') || 'needs workloads a and b on the same photo',
  };
}

function longTaskTarget(single, batch, cache) {
  const runs = [];
  for (const workload of ['a', 'b']) {
    for (const results of Object.values(single[workload] ?? {}))
      runs.push(...(results.imagespec?.runs ?? []).map((run) => ({ ...run, where: `(${workload})` })));
  }
  for (const configuration of batch?.configurations ?? [])
    runs.push(...configuration.runs.map((run) => ({ ...run, where: '(c)' })));
  for (const run of cache?.runs ?? []) runs.push({ ...run, where: '(d)' });
  const total = runs.reduce((sum, run) => sum + run.longTaskCount, 0);
  const longest = Math.max(0, ...runs.map((run) => run.longTaskMaxMs ?? 0));
  const where = [...new Set(runs.filter((run) => run.longTaskCount).map((run) => run.where))].join(' ');
  return {
    id: 'no-long-task',
    text: 'imagespec: no long task on the main thread in any workload',
    status: verdict(runs.length ? [total === 0] : []),
    measured: `${total} long task(s) in ${runs.length} runs${total ? `, in ${where}, longest ${fixed(longest, 0)} ms` : ''}`,
  };
}

function batchTargets(batch) {
  const at = (size, count) =>
    batch?.configurations.find((configuration) => configuration.poolSize === size && configuration.count === count);
  const counts = (batch?.configurations ?? []).map((configuration) => configuration.count);
  const largest = Math.max(0, ...counts);
  const smallest = Math.min(...counts);
  const one = at(1, largest)?.summary.filesPerSecond?.median;
  const two = at(2, largest)?.summary.filesPerSecond?.median;
  const scaling = two / one;
  const memoryChecks = [];
  const memoryValues = [];
  for (const size of [...new Set((batch?.configurations ?? []).map((configuration) => configuration.poolSize))]) {
    const few = at(size, smallest)?.summary.memoryRiseBytes?.median;
    const many = at(size, largest)?.summary.memoryRiseBytes?.median;
    if (!few || !many || smallest === largest) continue;
    memoryChecks.push(many / few <= 1.5);
    memoryValues.push(
      `${size} worker(s): ${fixed(many / few)}x (${fixed(few / 1e6, 0)} -> ${fixed(many / 1e6, 0)} MB)`,
    );
  }
  return [
    {
      id: 'c-scaling',
      text: `(c) batch of ${largest || 20}: throughput with 2 workers >= 1.7x that with 1`,
      status: verdict(Number.isFinite(scaling) ? [scaling >= 1.7] : []),
      measured: Number.isFinite(scaling)
        ? `${fixed(scaling)}x (${fixed(one)} -> ${fixed(two)} files/s)`
        : 'needs workload c',
    },
    {
      id: 'c-memory',
      text: `(c) batch: peak memory for ${largest || 20} photos within 1.5x of that for ${Number.isFinite(smallest) ? smallest : 5}`,
      status: verdict(memoryChecks),
      measured: memoryValues.join('; ') || 'needs workload c with peak memory',
    },
  ];
}

function memoryTarget(photos, single) {
  const checks = [];
  const values = [];
  for (const photo of photos.filter((candidate) => candidate.megapixels >= ONE_PHOTO_MEGAPIXELS)) {
    const rises = ['a', 'b']
      .map((workload) => single[workload]?.[photo.name]?.imagespec?.summary?.memoryRiseBytes?.median)
      .filter((value) => value);
    if (!rises.length) continue;
    const ratio = Math.max(...rises) / rgbaBytes(photo);
    checks.push(ratio <= ONE_PHOTO_MEMORY);
    values.push(`${megapixels(photo)} ${fixed(ratio)}x of ${fixed(rgbaBytes(photo) / 1e6, 0)} MB`);
  }
  return {
    id: 'memory-one-photo',
    text: `one photo of ${ONE_PHOTO_MEGAPIXELS} MP and more in flight: peak memory <= ${ONE_PHOTO_MEMORY}x its decoded RGBA`,
    status: verdict(checks),
    measured: values.join('; ') || 'not measured',
  };
}

function cacheTarget(single, cache) {
  const missMs = cache?.photo ? medianMs(single.a?.[cache.photo]?.imagespec) : null;
  const ratio = cache?.available ? cache.summary.ms.median / missMs : null;
  return {
    id: 'd-cache',
    text: '(d) full cache hit of (a) on a 12 MP photo: under 5% of the miss',
    status: ratio === null || !Number.isFinite(ratio) ? 'n/a' : verdict([ratio < 0.05]),
    measured: !cache
      ? 'workload d not run'
      : cache.available
        ? `${fixed(ratio * 100, 1)}% (${fixed(cache.summary.ms.median, 1)} ms of ${fixed(missMs, 0)} ms)`
        : `n/a: ${cache.reason}`,
  };
}

export function evaluateTargets({ photos, single, batch, cache }) {
  return [
    ...webTargets(photos, single),
    exampleTarget(photos, single),
    longTaskTarget(single, batch, cache),
    ...batchTargets(batch),
    memoryTarget(photos, single),
    cacheTarget(single, cache),
  ];
}
