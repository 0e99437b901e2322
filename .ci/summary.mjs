// The CI summary: one line counted from Playwright's JSON report, `N passed, N failed` (with
// `, N skipped` if any). A flaky test (passed only on a retry, which only a test that says why
// may have) counts as passed and is listed above the line with its attempts; a failure when a test is flaky twice in a row: in two consecutive repeats of
// this run (--repeat-each), or in this run and the one before (remembered in `history`).
//
//   node .ci/summary.mjs test-results/report.json test-results/flaky-last-run.json
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [reportPath, historyPath] = process.argv.slice(2);

if (!reportPath || !existsSync(reportPath)) {
  console.log('No test report: the run stopped before the tests (see above).');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const report = JSON.parse(readFileSync(reportPath, 'utf8'));

/** Every spec of the report with its full title, its runs (repeats, projects) in order. */
function* specsOf(suite, titles = []) {
  const path = suite.title && !suite.title.endsWith('.ts') ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) yield { name: `${spec.file} › ${[...path, spec.title].join(' › ')}`, spec };
  for (const child of suite.suites ?? []) yield* specsOf(child, path);
}

const flaky = [];
const flakyInARow = [];
for (const suite of report.suites) {
  for (const { name, spec } of specsOf(suite)) {
    const byProject = new Map();
    for (const test of spec.tests) byProject.set(test.projectName, [...(byProject.get(test.projectName) ?? []), test]);
    for (const [project, runs] of byProject) {
      const id = project ? `${name} [${project}]` : name;
      const statuses = runs.map((test) => test.status);
      if (!statuses.includes('flaky')) continue;
      flaky.push(id);
      const attempts = runs.map((test) => test.results.map((result) => result.status).join(' then '));
      console.log(`flaky: ${id} (${attempts.join('; ')})`);
      if (statuses.some((status, index) => status === 'flaky' && statuses[index + 1] === 'flaky')) flakyInARow.push(id);
    }
  }
}

const before = historyPath && existsSync(historyPath) ? JSON.parse(readFileSync(historyPath, 'utf8')) : [];
for (const id of flaky) if (before.includes(id) && !flakyInARow.includes(id)) flakyInARow.push(id);
if (historyPath) writeFileSync(historyPath, JSON.stringify(flaky, null, 2) + '\n');

const { expected, unexpected, flaky: flakyCount, skipped } = report.stats;
if (flakyCount) console.log(`${flakyCount} of the passed tests flaky (listed above)`);
let line = `${expected + flakyCount} passed, ${unexpected} failed`;
if (skipped) line += `, ${skipped} skipped`;
for (const id of flakyInARow) console.log(`flaky twice in a row, counted as a failure: ${id}`);
console.log(line);
process.exit(unexpected > 0 || flakyInARow.length > 0 ? 1 : 0);
