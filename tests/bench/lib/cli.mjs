// Command-line options of `npm run bench`.
import { parseArgs } from 'node:util';

export const ALL_CONTENDERS = [
  'floor',
  'imagespec',
  'pica-worker',
  'canvas',
  'create-image-bitmap',
  'bic-worker',
  'bic-main',
  'compressorjs',
  'image-blob-reduce',
  'sharp',
];

/** The default run: the floor, imagespec and the peers the issue names (the others on request). */
const DEFAULT_CONTENDERS = ALL_CONTENDERS.filter((id) => !['create-image-bitmap', 'bic-main'].includes(id));

export const USAGE = `npm run bench -- [fixtures-folder] [options]

  fixtures-folder        default: ../shared/fixtures next to the repository
  --runs N               measured runs per contender and photo of workload a (default 5; a warm-up comes first)
  --web-runs N           the same for workload b, which runs on every photo of the corpus (default 3)
  --warmup N             warm-up runs (default 1)
  --photos N             how many photos for workload a (default 2: the largest and the smallest >= 12 MP;
                         3 adds one under 12 MP); workload b takes every camera photo and the generated ones
  --photo NAME           a photo to use instead, for both (repeatable; generated ones by their name)
  --contenders LIST      comma-separated subset of: ${ALL_CONTENDERS.join(', ')}
                         (default: all but create-image-bitmap and bic-main)
  --workloads LIST       comma-separated subset of a,b,c,d (default all)
  --batch N              files in workload c's batch (default 20; the memory target compares with 5)
  --batch-runs N         measured runs per batch configuration (default 3)
  --anatomy-runs N       instrumented imagespec runs per photo and workload, after a warm-up (default 3; 0 skips)
  --port N               first port to try for the bench's Vite server (default 5400)
  --out FILE             JSON results (default bench-results/bench-<timestamp>.json)
  --quick                --runs 1 --web-runs 1 --photos 1 --batch 6 --batch-runs 1 --anatomy-runs 1: a smoke test`;

function positiveInteger(name, value, allowZero = false) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < (allowZero ? 0 : 1))
    throw new Error(`--${name} must be a whole number${allowZero ? '' : ' above 0'}: ${value}`);
  return number;
}

export function parseCli(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      'web-runs': { type: 'string' },
      warmup: { type: 'string' },
      photos: { type: 'string' },
      photo: { type: 'string', multiple: true },
      contenders: { type: 'string' },
      workloads: { type: 'string' },
      batch: { type: 'string' },
      'batch-runs': { type: 'string' },
      'anatomy-runs': { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
      quick: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const quick = values.quick ?? false;
  const contenders = values.contenders ? values.contenders.split(',').map((id) => id.trim()) : DEFAULT_CONTENDERS;
  const unknown = contenders.filter((id) => !ALL_CONTENDERS.includes(id));
  if (unknown.length) throw new Error(`unknown contender(s): ${unknown.join(', ')}`);
  // Ratios need the floor and imagespec in the run.
  for (const needed of ['imagespec', 'floor']) if (!contenders.includes(needed)) contenders.unshift(needed);
  const workloads = (values.workloads ?? 'a,b,c,d').split(',').map((id) => id.trim());
  if (workloads.some((id) => !['a', 'b', 'c', 'd'].includes(id)))
    throw new Error(`--workloads takes a,b,c,d: ${values.workloads}`);
  return {
    help: values.help ?? false,
    fixtures: positionals[0],
    runs: positiveInteger('runs', values.runs ?? (quick ? 1 : 5)),
    webRuns: positiveInteger('web-runs', values['web-runs'] ?? (quick ? 1 : 3)),
    warmup: positiveInteger('warmup', values.warmup ?? 1, true),
    photoCount: positiveInteger('photos', values.photos ?? (quick ? 1 : 2)),
    photoNames: values.photo ?? [],
    contenders: ALL_CONTENDERS.filter((id) => contenders.includes(id)),
    workloads,
    batch: positiveInteger('batch', values.batch ?? (quick ? 6 : 20)),
    batchRuns: positiveInteger('batch-runs', values['batch-runs'] ?? (quick ? 1 : 3)),
    anatomyRuns: positiveInteger('anatomy-runs', values['anatomy-runs'] ?? (quick ? 1 : 3), true),
    port: positiveInteger('port', values.port ?? 5400),
    out: values.out,
  };
}
