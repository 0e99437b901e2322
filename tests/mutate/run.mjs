// `npm run test:mutate [-- --only <text>]... [--check]`: applies each known break of
// mutations.mjs alone, runs the spec files meant to catch it, then runs the tests that failed
// again on the unbroken code. A break is caught when some test fails with it and passes without
// it. Ends with a table, break -> the tests that caught it, and fails when a break went unnoticed.
// Not part of `npm test`: each break costs a Playwright run (a minute or more).
//
// `--only <text>` (repeatable) keeps the breaks whose name contains one of the texts. Before
// anything runs, every chosen break must apply to today's code (its `find` text occurs exactly
// once in its file): otherwise the run stops at once, naming each stale entry. `--check` stops
// there, without running a test (a second or so).
//
// It edits the working tree in place (restored after each break, and on Ctrl-C), so it refuses
// to touch a file with uncommitted changes. Set PORT as for any Playwright run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MUTATIONS } from './mutations.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** The command line: `--only <text>` (repeatable) and `--check`; anything else is refused. */
function parseArguments(args) {
  const only = [];
  let check = false;
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--check') check = true;
    else if (args[index] === '--only' && args[index + 1] !== undefined) only.push(args[++index]);
    else {
      console.error(`test:mutate: unknown argument ${args[index]} (use --only <text>, --check)`);
      process.exit(1);
    }
  }
  return { only, check };
}

const { only, check } = parseArguments(process.argv.slice(2));
const chosen = MUTATIONS.filter((mutation) => only.length === 0 || only.some((text) => mutation.name.includes(text)));
if (chosen.length === 0) {
  console.error(`test:mutate: no break's name contains ${only.map((text) => JSON.stringify(text)).join(' or ')}`);
  process.exit(1);
}

/** Why a break cannot be applied to today's code, or undefined when it can. */
function staleness(mutation) {
  let text;
  try {
    text = readFileSync(join(ROOT, mutation.file), 'utf8');
  } catch {
    return `${mutation.file} does not exist`;
  }
  const occurrences = text.split(mutation.find).length - 1;
  return occurrences === 1 ? undefined : `its search text occurs ${occurrences} times in ${mutation.file}, not once`;
}

const stale = chosen.flatMap((mutation) => {
  const why = staleness(mutation);
  return why ? [`  ${mutation.name}: ${why}`] : [];
});
if (stale.length > 0) {
  console.error(
    `test:mutate: ${stale.length} break(s) no longer apply; bring them up to date in tests/mutate/mutations.mjs:\n${stale.join('\n')}`,
  );
  process.exit(1);
}
if (check) {
  console.log(`test:mutate: all ${chosen.length} breaks apply to today's code.`);
  process.exit(0);
}
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

/**
 * Runs Playwright on `targets`; returns how many tests ran and those that failed, as `file:line`
 * and title.
 */
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
    return { ran: 0, failed: [{ location: '', title: 'the run produced no report (see above)' }] };
  }
  let ran = 0;
  const failed = [];
  const walk = (suite, titles) => {
    const path = suite.title && !suite.title.endsWith('.ts') ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      ran += spec.tests.filter((test) => test.status !== 'skipped').length;
      if (spec.tests.some((test) => test.status === 'unexpected' || test.status === 'flaky'))
        failed.push({ location: `tests/${spec.file}:${spec.line}`, title: [...path, spec.title].join(' › ') });
    }
    for (const child of suite.suites ?? []) walk(child, path);
  };
  for (const suite of parsed.suites ?? []) walk(suite, []);
  if (parsed.errors?.length) failed.push({ location: '', title: `errors outside tests: ${parsed.errors[0].message}` });
  return { ran, failed };
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
  if (!isCommitted(mutation.file)) {
    rows.push({ mutation, verdict: `NOT APPLIED: ${mutation.file} has uncommitted changes` });
    continue;
  }
  applied = { path, text };
  writeFileSync(path, text.replace(mutation.find, mutation.replace));
  let ran, broken;
  try {
    ({ ran, failed: broken } = failingTests(mutation.specs, mutation.grep, `broken-${index}`));
  } finally {
    restore();
  }
  if (ran === 0) {
    rows.push({ mutation, verdict: `NOT RUN: ${mutation.specs.join(' ')} --grep ${mutation.grep} selects no test` });
    continue;
  }
  const located = broken.filter((test) => test.location);
  // A test counts only if it passes on the unbroken code.
  const cleanFailures = located.length
    ? new Set(
        failingTests(
          [...new Set(located.map((test) => test.location))],
          titlesPattern(located),
          `clean-${index}`,
        ).failed.map((test) => test.title),
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
