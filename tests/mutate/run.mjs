// `npm run test:mutate [-- name filter...]`: applies each known break of mutations.mjs alone,
// runs the spec files meant to catch it, then runs the tests that failed again on the unbroken
// code. A break is caught when some test fails with it and passes without it. Ends with a
// table, break -> the tests that caught it, and fails when a break went unnoticed or no longer
// applies. Not part of `npm test`: each break costs a Playwright run (a minute or more).
//
// It edits the working tree in place (restored after each break, and on Ctrl-C), so it refuses
// to touch a file with uncommitted changes. Set PORT as for any Playwright run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MUTATIONS } from './mutations.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const filters = process.argv.slice(2);
const chosen = MUTATIONS.filter((mutation) => filters.every((filter) => mutation.name.includes(filter)));
const scratch = mkdtempSync(join(tmpdir(), 'imagespec-mutate-'));

/** The file being mutated and its original text, restored however the run ends. */
let applied;
function restore() {
  if (applied) writeFileSync(applied.path, applied.text);
  applied = undefined;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    restore();
    process.exit(130);
  });
}

function isCommitted(file) {
  return spawnSync('git', ['diff', '--quiet', 'HEAD', '--', file], { cwd: ROOT }).status === 0;
}

/** Runs Playwright on `targets`; returns the tests that failed, as `file:line` and title. */
function failingTests(targets, grep, label) {
  const report = join(scratch, `${label}.json`);
  const args = ['playwright', 'test', ...targets, '--reporter=dot,json', ...(grep ? ['--grep', grep] : [])];
  spawnSync('npx', args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  });
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    return [{ location: '', title: 'the run produced no report (see above)' }];
  }
  const failed = [];
  const walk = (suite, titles) => {
    const path = suite.title && !suite.title.endsWith('.ts') ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      if (spec.tests.some((test) => test.status === 'unexpected' || test.status === 'flaky'))
        failed.push({ location: `tests/${spec.file}:${spec.line}`, title: [...path, spec.title].join(' › ') });
    }
    for (const child of suite.suites ?? []) walk(child, path);
  };
  for (const suite of parsed.suites ?? []) walk(suite, []);
  if (parsed.errors?.length) failed.push({ location: '', title: `errors outside tests: ${parsed.errors[0].message}` });
  return failed;
}

/** A --grep that selects exactly these tests (tests made in a loop share a line). */
function titlesPattern(tests) {
  return tests
    .map((test) =>
      test.title
        .split(' › ')
        .at(-1)
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('|');
}

const rows = [];
for (const [index, mutation] of chosen.entries()) {
  const path = join(ROOT, mutation.file);
  console.log(`\n[${index + 1}/${chosen.length}] ${mutation.name}  (${mutation.file})`);
  const text = readFileSync(path, 'utf8');
  const occurrences = text.split(mutation.find).length - 1;
  if (occurrences !== 1) {
    rows.push({ mutation, verdict: `NOT APPLIED: the code to break occurs ${occurrences} times in ${mutation.file}` });
    continue;
  }
  if (!isCommitted(mutation.file)) {
    rows.push({ mutation, verdict: `NOT APPLIED: ${mutation.file} has uncommitted changes` });
    continue;
  }
  applied = { path, text };
  writeFileSync(path, text.replace(mutation.find, mutation.replace));
  let broken;
  try {
    broken = failingTests(mutation.specs, mutation.grep, `broken-${index}`);
  } finally {
    restore();
  }
  const located = broken.filter((test) => test.location);
  // A test counts only if it passes on the unbroken code.
  const cleanFailures = located.length
    ? new Set(
        failingTests([...new Set(located.map((test) => test.location))], titlesPattern(located), `clean-${index}`).map(
          (test) => test.title,
        ),
      )
    : new Set();
  const catchers = located.filter((test) => !cleanFailures.has(test.title));
  rows.push({
    mutation,
    verdict: catchers.length ? 'caught' : broken.length ? 'NOT CAUGHT (what failed also fails unbroken)' : 'NOT CAUGHT',
    catchers,
  });
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n| break | caught by |\n|---|---|');
for (const { mutation, verdict, catchers } of rows) {
  const by = catchers?.length
    ? catchers.map((test) => `${test.location.split(':')[0].replace('tests/', '')} › ${test.title}`).join('<br>')
    : verdict;
  console.log(`| ${mutation.why ? '**' : ''}${mutation.name}${mutation.why ? '**' : ''} (${mutation.file}) | ${by} |`);
}
const missed = rows.filter((row) => row.verdict !== 'caught');
console.log(
  `\n${rows.length - missed.length} of ${rows.length} breaks caught${missed.length ? `; not caught: ${missed.map((row) => row.mutation.name).join('; ')}` : ''}. Bold: the breaks issue 14 found unnoticed.`,
);
process.exit(missed.length ? 1 : 0);
