// Workloads (a) and (b): one photo at a time, every contender in a page of its own, runs
// interleaved (run 1 of every contender, then run 2...) so that a burst of load from elsewhere on
// the machine hits all contenders alike rather than one of them.
import { call, openBenchPage, pagePhoto } from './pages.mjs';
import { summarise } from './stats.mjs';

/** A contender's page, opened once and reused for every photo of the workload. */
async function pageEntry(browser, baseUrl, id) {
  const { context, page } = await openBenchPage(browser, baseUrl, id);
  return {
    id,
    async open(photo, workload) {
      await call(page, ([contenderId, photoInPage]) => window.bench.open(contenderId, photoInPage), [
        id,
        pagePhoto(photo),
      ]);
      const support = await call(page, (workloadId) => window.bench.supports(workloadId), workload.id);
      return support;
    },
    run: (workload, options) =>
      call(page, ([workloadId, runOptions]) => window.bench.run(workloadId, runOptions), [workload.id, options]),
    close: () => context.close(),
  };
}

async function runOnce(entry, workload, options, probe) {
  if (entry.native) return entry.run(workload, options);
  await probe.reset();
  const result = await entry.run(workload, options);
  const process = probe.read();
  return { ...result, cpuMs: process?.cpuMs ?? null, memoryRiseBytes: process?.riseBytes ?? null };
}

function summariseEntry(state) {
  return {
    notApplicable: state.notApplicable,
    runs: state.runs,
    summary: {
      ms: summarise(state.runs.map((run) => run.ms)),
      cpuMs: summarise(state.runs.map((run) => run.cpuMs)),
      longTaskMs: summarise(state.runs.map((run) => run.longTaskMs)),
      longTaskCount: summarise(state.runs.map((run) => run.longTaskCount)),
      outputBytes: summarise(state.runs.map((run) => run.outputBytes)),
      memoryRiseBytes: summarise(state.runs.map((run) => run.memoryRiseBytes)),
    },
    lastOutputs: state.lastOutputs,
    details: state.details,
    errors: state.errors,
  };
}

/**
 * Benchmarks every contender on every photo for one workload. Each contender keeps one page
 * (one renderer process) for all photos; per photo, runs are interleaved across contenders.
 * `extraEntries` are Node-side contenders (sharp) driven the same way.
 * @returns per photo name, per contender id: { notApplicable?, runs, summary, lastOutputs, details, errors }
 */
export async function benchWorkload({
  browser,
  baseUrl,
  probe,
  workload,
  photos,
  contenders,
  extraEntries = [],
  runs,
  warmup,
  log,
  onPhoto,
}) {
  const entries = [];
  for (const id of contenders) entries.push(await pageEntry(browser, baseUrl, id));
  entries.push(...extraEntries);
  const results = {};
  try {
    for (const photo of photos) {
      log?.(`(${workload.id}) ${photo.name}: ${entries.length} contenders x (${warmup} warm-up + ${runs} runs)`);
      const states = [];
      for (const entry of entries) {
        const support = await entry.open(photo, workload);
        states.push({
          entry,
          notApplicable: support === true ? null : support,
          runs: [],
          errors: [],
          lastOutputs: null,
          details: null,
        });
      }
      const active = states.filter((state) => !state.notApplicable);
      for (let round = 0; round < warmup; round++) {
        for (const state of active) {
          const result = await runOnce(state.entry, workload, {}, probe);
          if (!result.ok) state.errors.push(`warm-up: ${result.error}`);
        }
      }
      for (let round = 0; round < runs; round++) {
        const last = round === runs - 1;
        for (const state of active) {
          const result = await runOnce(state.entry, workload, { keepOutputs: last }, probe);
          if (!result.ok) {
            state.errors.push(result.error);
            continue;
          }
          state.runs.push({
            ms: result.ms,
            longTaskCount: result.longTasks.count,
            longTaskMs: result.longTasks.totalMs,
            longTaskMaxMs: result.longTasks.maxMs,
            outputBytes: result.outputs
              .filter((output) => output.name !== 'original')
              .reduce((sum, output) => sum + output.bytes, 0),
            cpuMs: result.cpuMs,
            memoryRiseBytes: result.memoryRiseBytes ?? null,
          });
          state.details = result.details;
          if (last) state.lastOutputs = result.outputs;
        }
      }
      results[photo.name] = Object.fromEntries(states.map((state) => [state.entry.id, summariseEntry(state)]));
      await onPhoto?.(photo, results[photo.name]);
    }
  } finally {
    await Promise.all(entries.map((entry) => entry.close()));
  }
  return results;
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
