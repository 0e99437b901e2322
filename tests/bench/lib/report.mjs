// The markdown the bench prints (and writes beside the JSON).
import { geometricMean, median } from './stats.mjs';

const LABELS = {
  floor: 'floor: decode + encode(s)',
  imagespec: '**imagespec**',
  'pica-worker': 'pica in a worker (lanczos3)',
  canvas: "canvas drawImage 'high'",
  'create-image-bitmap': "createImageBitmap resize 'high'",
  'bic-worker': 'browser-image-compression (worker)',
  'bic-main': 'browser-image-compression (main)',
  compressorjs: 'compressorjs',
  'image-blob-reduce': 'image-blob-reduce',
  sharp: 'sharp (Node, native, 1 thread)',
};

/** Short column heads for the tables that put every contender side by side. */
const SHORT = {
  imagespec: '**imagespec**',
  'pica-worker': 'pica',
  canvas: 'canvas',
  'create-image-bitmap': 'createImageBitmap',
  'bic-worker': 'b-i-c (worker)',
  'bic-main': 'b-i-c (main)',
  compressorjs: 'compressorjs',
  'image-blob-reduce': 'image-blob-reduce',
  sharp: 'sharp',
};

const WORKLOAD_TITLES = {
  a: '(a) ImageKit example: thumbnail 100x75 fill + adjust, display 200x400 fill + black and white, original',
  b: '(b) web: fit within 2048x2048, JPEG 0.85',
};

const ms = (value) =>
  value === null || value === undefined ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1);
const ratio = (value) => (value === null || !Number.isFinite(value) ? '–' : `${value.toFixed(2)}x`);
const mb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 1e6).toFixed(0)}`);
const kb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 1000).toFixed(0)} kB`);

function cpuCell(cpu, floorCpu) {
  if (cpu === null || cpu === undefined) return '–';
  return `${ms(cpu)} (${ratio(cpu / floorCpu)})`;
}

function qualityCell(entry, outputs, key, digits) {
  const parts = outputs.map((name) => {
    const score = entry.quality?.[name];
    if (!score) return '–';
    if (score.error) return score.error.startsWith('wrong geometry') ? 'wrong size' : 'error';
    return Number.isFinite(score[key]) ? score[key].toFixed(digits) : '∞';
  });
  return parts.join(' / ');
}

function photoTable(workload, photo, results) {
  const outputs = workload.outputs.filter((output) => output.kind !== 'original').map((output) => output.name);
  const floor = results.floor?.summary.ms?.median;
  const mine = results.imagespec?.summary.ms?.median;
  const floorCpu = results.floor?.summary.cpuMs?.median;
  const rgba = photo.width * photo.height * 4;
  const lines = [
    `**${photo.name}** (${photo.width}x${photo.height} as displayed, ${photo.megapixels.toFixed(1)} MP, EXIF orientation ${photo.orientation})`,
    '',
    `| contender | wall ms, median (min–max) | × floor | × imagespec | CPU ms (× floor) | main thread blocked ms (long tasks) | output bytes | SSIM ${outputs.join(' / ')} | PSNR dB | peak memory MB (× RGBA) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [id, entry] of Object.entries(results)) {
    const label = LABELS[id] ?? id;
    if (entry.notApplicable) {
      lines.push(`| ${label} | n/a: ${entry.notApplicable} | | | | | | | | |`);
      continue;
    }
    const time = entry.summary.ms;
    if (!time) {
      lines.push(`| ${label} | failed: ${(entry.errors[0] ?? '').split('\n')[0].slice(0, 120)} | | | | | | | | |`);
      continue;
    }
    const blocked = entry.summary.longTaskMs?.median;
    const count = entry.summary.longTaskCount?.median;
    const memory = entry.summary.memoryRiseBytes?.median;
    const notes = [];
    if (entry.details?.ranInWorker === false) notes.push('worker failed: ran on the main thread');
    if (entry.errors.length) notes.push(`${entry.errors.length} failed run(s)`);
    lines.push(
      [
        '',
        label + (notes.length ? ` (${notes.join('; ')})` : ''),
        `${ms(time.median)} (${ms(time.min)}–${ms(time.max)})`,
        id === 'floor' ? '1.00x' : ratio(time.median / floor),
        id === 'imagespec' ? '1.00x' : ratio(time.median / mine),
        cpuCell(entry.summary.cpuMs?.median, floorCpu),
        `${ms(blocked)} (${count ?? '–'})`,
        kb(entry.summary.outputBytes?.median),
        id === 'floor' ? 'n/a' : qualityCell(entry, outputs, 'ssim', 4),
        id === 'floor' ? 'n/a' : qualityCell(entry, outputs, 'psnr', 1),
        memory === null || memory === undefined ? '–' : `${mb(memory)} (${(memory / rgba).toFixed(2)}x)`,
        '',
      ]
        .join(' | ')
        .trim(),
    );
  }
  return lines.join('\n');
}

/** Per stage, the median over the instrumented runs (one run alone is too much at the mercy of load). */
function medianAnatomy(samples) {
  const stages = {};
  for (const name of new Set(samples.flatMap((sample) => Object.keys(sample.stages)))) {
    const present = samples.map((sample) => sample.stages[name]).filter(Boolean);
    stages[name] = {
      ms: median(samples.map((sample) => sample.stages[name]?.ms ?? 0)),
      calls: Math.max(...present.map((stage) => stage.calls)),
      largestPixels: Math.max(...present.map((stage) => stage.largestPixels)),
    };
  }
  return {
    runs: samples.length,
    wallMs: median(samples.map((sample) => sample.wallMs)),
    workerMs: median(samples.map((sample) => sample.workerMs)),
    untimedWorkerMs: median(samples.map((sample) => sample.untimedWorkerMs)),
    stages,
  };
}

function anatomyTable(samples) {
  if (!samples?.length) return '';
  const anatomy = medianAnatomy(samples);
  const rows = Object.entries(anatomy.stages).sort((a, b) => b[1].ms - a[1].ms);
  const share = (value) => `${((value / anatomy.wallMs) * 100).toFixed(0)}%`;
  const lines = [
    `Where imagespec's time goes: its worker with every browser primitive timed, median of ${anatomy.runs} run(s) (wall ${ms(anatomy.wallMs)} ms, worker job ${ms(anatomy.workerMs)} ms):`,
    '',
    '| stage | ms | % of wall | calls | largest canvas/buffer, MP |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const [stage, value] of rows) {
    lines.push(
      `| ${stage} | ${ms(value.ms)} | ${share(value.ms)} | ${value.calls} | ${value.largestPixels ? (value.largestPixels / 1e6).toFixed(1) : ''} |`,
    );
  }
  lines.push(
    `| JS between the timed calls (spec checks, truncation scan, adjust / black-and-white loops, GC) | ${ms(anatomy.untimedWorkerMs)} | ${share(anatomy.untimedWorkerMs)} | | |`,
  );
  lines.push(
    `| main thread and messaging (header, SHA-256, cache, comlink) | ${ms(anatomy.wallMs - anatomy.workerMs)} | ${share(anatomy.wallMs - anatomy.workerMs)} | | |`,
  );
  return lines.join('\n');
}

function summaryTable(workloadId, byPhoto) {
  const contenders = Object.keys(Object.values(byPhoto)[0] ?? {});
  const lines = [
    `| contender | × floor (geometric mean over photos) | × imagespec | mean SSIM | worst main-thread block ms |`,
    '|---|---:|---:|---:|---:|',
  ];
  for (const id of contenders) {
    const entries = Object.values(byPhoto).map((results) => results[id]);
    if (entries.every((entry) => entry.notApplicable)) {
      lines.push(`| ${LABELS[id] ?? id} | n/a | | | |`);
      continue;
    }
    const toFloor = geometricMean(
      Object.values(byPhoto).map((results) => results[id]?.summary.ms?.median / results.floor?.summary.ms?.median),
    );
    const toMine = geometricMean(
      Object.values(byPhoto).map((results) => results[id]?.summary.ms?.median / results.imagespec?.summary.ms?.median),
    );
    const ssims = entries
      .flatMap((entry) => Object.values(entry.quality ?? {}).map((score) => score.ssim))
      .filter(Number.isFinite);
    const worst = Math.max(0, ...entries.map((entry) => entry.summary.longTaskMs?.max ?? 0));
    lines.push(
      `| ${LABELS[id] ?? id} | ${id === 'floor' ? '1.00x' : ratio(toFloor)} | ${id === 'imagespec' ? '1.00x' : ratio(toMine)} | ${id === 'floor' || !ssims.length ? '–' : (ssims.reduce((a, b) => a + b, 0) / ssims.length).toFixed(4)} | ${ms(worst)} |`,
    );
  }
  return `Summary of ${WORKLOAD_TITLES[workloadId]}:\n\n${lines.join('\n')}`;
}

/** Every photo of a workload in one table: each contender's time as × the floor, and the geometric mean. */
function sideBySideTables(byPhoto, photos) {
  const contenders = Object.keys(Object.values(byPhoto)[0] ?? {}).filter((id) => id !== 'floor');
  const head = (first) => [
    `| ${first} | ${contenders.map((id) => SHORT[id] ?? id).join(' | ')} |`,
    `|---|${contenders.map(() => '---:').join('|')}|`,
  ];
  const speed = [...head('photo (MP, long side / 2048) · floor ms')];
  const quality = [...head('photo')];
  const ratios = Object.fromEntries(contenders.map((id) => [id, []]));
  const cpuRatios = Object.fromEntries(contenders.map((id) => [id, []]));
  for (const photo of photos) {
    const results = byPhoto[photo.name];
    if (!results) continue;
    const floor = results.floor?.summary.ms?.median;
    const floorCpu = results.floor?.summary.cpuMs?.median;
    const label = `${photo.name.replace(/\.jpe?g$/, '')} (${photo.megapixels.toFixed(1)}, ${(Math.max(photo.width, photo.height) / 2048).toFixed(2)})`;
    const cells = contenders.map((id) => {
      const entry = results[id];
      if (!entry || entry.notApplicable) return 'n/a';
      const wall = entry.summary.ms?.median / floor;
      const cpu = entry.summary.cpuMs?.median / floorCpu;
      if (!Number.isFinite(wall)) return 'failed';
      ratios[id].push(wall);
      if (Number.isFinite(cpu)) cpuRatios[id].push(cpu);
      return id === 'imagespec' && Number.isFinite(cpu) ? `**${ratio(wall)}** (CPU ${ratio(cpu)})` : ratio(wall);
    });
    speed.push(`| ${label} · ${ms(floor)} | ${cells.join(' | ')} |`);
    const scores = contenders.map((id) => {
      const values = Object.values(results[id]?.quality ?? {})
        .map((score) => score.ssim)
        .filter(Number.isFinite);
      return values.length ? values.map((value) => value.toFixed(4)).join(' / ') : '–';
    });
    quality.push(`| ${label} | ${scores.join(' | ')} |`);
  }
  speed.push(
    `| **geometric mean** | ${contenders
      .map((id) => {
        const wall = ratio(geometricMean(ratios[id]));
        return id === 'imagespec' ? `**${wall}** (CPU ${ratio(geometricMean(cpuRatios[id]))})` : wall;
      })
      .join(' | ')} |`,
  );
  return [
    "Wall time as × the floor (median of the runs; imagespec's CPU time ratio beside it):",
    '',
    ...speed,
    '',
    'SSIM against sharp lanczos3 of the full-size source (luma, full resolution):',
    '',
    ...quality,
  ].join('\n');
}

function batchTable(batch) {
  const lines = [
    `(c) batch through one imagespec pool (workload (a)'s specs; imagespec's default pool size here: ${batch.defaultSize}):`,
    '',
    '| pool | files | files/s, median (min–max) | wall ms | CPU ms | peak memory MB | long tasks (most in one run) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const configuration of batch.configurations) {
    const rate = configuration.summary.filesPerSecond;
    lines.push(
      `| ${configuration.label} | ${configuration.count} | ${rate.median.toFixed(2)} (${rate.min.toFixed(2)}–${rate.max.toFixed(2)}) | ${ms(configuration.summary.ms.median)} | ${ms(configuration.summary.cpuMs?.median)} | ${mb(configuration.summary.memoryRiseBytes?.median)} | ${configuration.summary.longTaskCount.max} |`,
    );
  }
  return lines.join('\n');
}

export function renderReport({ meta, photos, workloads, single, anatomy, batch, cache, targets }) {
  const sections = [
    `## imagespec benchmark — ${meta.date}`,
    '',
    `Machine: ${meta.machine}. Chromium ${meta.chromium}, headless, software rendering (--disable-gpu). ` +
      `${meta.runs} measured runs after ${meta.warmup} warm-up per contender and photo; load average ${meta.loadBefore} at start, ${meta.loadAfter} at the end` +
      (meta.loaded
        ? ' — **the machine was busy with other work: wall times are inflated and noisy; the CPU columns are the steadier figures.**'
        : '.'),
    '',
    "Time: wall clock in the page from the File to every output Blob. CPU: user + system time of the page's renderer process (all its threads, workers included) during the run; it barely moves when other programs load the machine, wall time does. Main thread blocked: sum of `longtask` entries (tasks over 50 ms) during the run. " +
      'SSIM (luma, ssim.js) and PSNR (luma) against sharp lanczos3 of the same region and size; imagespec is compared after the same adjust / black-and-white, peers did the geometry only. ' +
      "Peak memory: rise of the page's renderer process resident set (Linux VmHWM, workers and canvases included) above its size when the run started. " +
      'Fit-only peers (browser-image-compression, image-blob-reduce) make fills by resizing to cover, then cropping the centre.',
  ];
  for (const workloadId of ['a', 'b']) {
    if (!single[workloadId]) continue;
    sections.push('', `### ${WORKLOAD_TITLES[workloadId]}`, '', sideBySideTables(single[workloadId], photos));
    for (const photo of photos) {
      const results = single[workloadId][photo.name];
      if (!results) continue;
      sections.push('', photoTable(workloads[workloadId], photo, results));
      const breakdown = anatomyTable(anatomy?.[workloadId]?.[photo.name]);
      if (breakdown) sections.push('', breakdown);
    }
    sections.push('', summaryTable(workloadId, single[workloadId]));
  }
  if (batch) sections.push('', '### (c) batch', '', batchTable(batch));
  sections.push(
    '',
    '### (d) full cache hit of (a)',
    '',
    cache
      ? cache.available
        ? `median ${ms(cache.summary.ms.median)} ms on ${cache.photo}`
        : `n/a: ${cache.reason}`
      : 'not run',
  );
  sections.push('', '### Targets (issue #13)', '', '| | target | measured |', '|---|---|---|');
  for (const target of targets) sections.push(`| ${target.status} | ${target.text} | ${target.measured} |`);
  return sections.join('\n');
}
