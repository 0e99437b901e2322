// Workloads (a) and (b): one photo at a time, every contender in its own page, runs interleaved
// (run 1 of every contender, then run 2...) so that a burst of load from elsewhere on the machine
// hits all contenders alike rather than one of them.
import { call, openBenchPage, pagePhoto } from './pages.mjs';
import { summarise } from './stats.mjs';

async function runOnce(entry, workloadId, options, probe) {
  await probe.reset();
  const result = await call(entry.page, ([id, runOptions]) => window.bench.run(id, runOptions), [workloadId, options]);
  return { ...result, process: probe.read() };
}

/**
 * Benchmarks every contender on one photo for one workload.
 * @returns per contender id: { label?, notApplicable?, runs, summary, lastOutputs, details, errors }
 */
export async function benchPhoto({ browser, baseUrl, probe, workload, photo, contenders, runs, warmup, log }) {
  const entries = [];
  for (const id of contenders) {
    const { context, page } = await openBenchPage(browser, baseUrl, id);
    await call(page, ([contenderId, photoInPage]) => window.bench.open(contenderId, photoInPage), [
      id,
      pagePhoto(photo),
    ]);
    const support = await call(page, (workloadId) => window.bench.supports(workloadId), workload.id);
    entries.push({
      id,
      context,
      page,
      notApplicable: support === true ? null : support,
      runs: [],
      errors: [],
      lastOutputs: null,
      details: null,
    });
  }
  const active = entries.filter((entry) => !entry.notApplicable);
  try {
    for (let round = 0; round < warmup; round++) {
      for (const entry of active) {
        const result = await runOnce(entry, workload.id, {}, probe);
        if (!result.ok) entry.errors.push(`warm-up: ${result.error}`);
      }
    }
    for (let round = 0; round < runs; round++) {
      const last = round === runs - 1;
      for (const entry of active) {
        const result = await runOnce(entry, workload.id, { keepOutputs: last }, probe);
        if (!result.ok) {
          entry.errors.push(result.error);
          continue;
        }
        entry.runs.push({
          ms: result.ms,
          longTaskCount: result.longTasks.count,
          longTaskMs: result.longTasks.totalMs,
          longTaskMaxMs: result.longTasks.maxMs,
          outputBytes: result.outputs
            .filter((output) => output.name !== 'original')
            .reduce((sum, output) => sum + output.bytes, 0),
          cpuMs: result.process?.cpuMs ?? null,
          memoryRiseBytes: result.process?.riseBytes ?? null,
          memoryPeakBytes: result.process?.peakBytes ?? null,
        });
        entry.details = result.details;
        if (last) entry.lastOutputs = result.outputs;
      }
      log?.(`    round ${round + 1}/${runs} done`);
    }
  } finally {
    await Promise.all(entries.map((entry) => entry.context.close()));
  }
  return Object.fromEntries(
    entries.map((entry) => [
      entry.id,
      {
        notApplicable: entry.notApplicable,
        runs: entry.runs,
        summary: {
          ms: summarise(entry.runs.map((run) => run.ms)),
          cpuMs: summarise(entry.runs.map((run) => run.cpuMs)),
          longTaskMs: summarise(entry.runs.map((run) => run.longTaskMs)),
          longTaskCount: summarise(entry.runs.map((run) => run.longTaskCount)),
          outputBytes: summarise(entry.runs.map((run) => run.outputBytes)),
          memoryRiseBytes: summarise(entry.runs.map((run) => run.memoryRiseBytes)),
        },
        lastOutputs: entry.lastOutputs,
        details: entry.details,
        errors: entry.errors,
      },
    ]),
  );
}

/**
 * imagespec with every stage timed in its worker (workers/anatomy.ts): one warm-up, then `runs`
 * runs; per stage, the median over runs of the summed milliseconds.
 */
export async function benchAnatomy({ browser, baseUrl, workload, photo, runs }) {
  const { context, page } = await openBenchPage(browser, baseUrl, 'anatomy');
  try {
    await call(page, ([id, photoInPage]) => window.bench.open(id, photoInPage), [
      'imagespec-instrumented',
      pagePhoto(photo),
    ]);
    await call(page, (workloadId) => window.bench.run(workloadId, {}), workload.id);
    const samples = [];
    for (let round = 0; round < runs; round++) {
      const result = await call(page, (workloadId) => window.bench.run(workloadId, {}), workload.id);
      if (result.ok) samples.push(result);
    }
    return samples.map(anatomyOf);
  } finally {
    await context.close();
  }
}

/** Sums the worker's spans per stage; the worker's job runs from its first span to its last. */
function anatomyOf(result) {
  const spans = result.spans ?? [];
  const stages = {};
  for (const span of spans) {
    const stage = (stages[span.stage] ??= { ms: 0, calls: 0, largestPixels: 0 });
    stage.ms += span.ms;
    stage.calls++;
    stage.largestPixels = Math.max(stage.largestPixels, span.pixels ?? 0);
  }
  const first = Math.min(...spans.map((span) => span.start));
  const last = Math.max(...spans.map((span) => span.start + span.ms));
  const workerMs = spans.length ? last - first : null;
  const timedMs = Object.values(stages).reduce((sum, stage) => sum + stage.ms, 0);
  return { wallMs: result.ms, workerMs, untimedWorkerMs: workerMs === null ? null : workerMs - timedMs, stages };
}
