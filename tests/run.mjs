// `npm test`: makes sure a Chromium exists (installing one where none is found), installs Firefox
// ESR and WebKitGTK for the cross-browser subset where it can (or says which engine it skips and
// why), type-checks, lints (ESLint + Prettier), then runs Playwright with the arguments given.
// (The consumer tests build the library themselves.)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENGINE_PACKAGES, findEngine } from './cross-browser/driver/engines.mjs';
import { findChromium } from './support/chromium.mjs';

function run(command, args, env = process.env) {
  const { status } = spawnSync(command, args, { stdio: 'inherit', env });
  return status ?? 1;
}

const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;

function aptInstall(packages) {
  const quiet = 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq';
  return run('sh', ['-c', `apt-get update -qq && ${quiet} ${packages.join(' ')} >/dev/null`]) === 0;
}

if (!findChromium()) {
  if (canApt) {
    console.log("No Chromium found: installing Debian's chromium package.");
    aptInstall(['chromium']);
  } else {
    console.log("No Chromium found: installing Playwright's.");
    run('npx', ['playwright', 'install', 'chromium']);
  }
  if (!findChromium()) {
    console.error('Could not install Chromium. Set CHROMIUM_PATH to a Chromium or Chrome binary.');
    process.exit(1);
  }
}

// The cross-browser subset (tests/cross-browser/) in Firefox and WebKit: Debian's packages, where
// this machine can install them; elsewhere those engines' tests are skipped, and said so here.
const absentEngines = () => ['firefox', 'webkit'].filter((engine) => !findEngine(engine).found);
if (absentEngines().length > 0 && canApt) {
  console.log(`Installing Debian's ${ENGINE_PACKAGES.join(', ')} for the cross-browser subset.`);
  aptInstall(ENGINE_PACKAGES);
}
for (const engine of absentEngines())
  console.log(`SKIPPING the cross-browser subset in ${engine}: ${findEngine(engine).reason}`);

if (run('npm', ['run', '--silent', 'typecheck']) !== 0) process.exit(1);
// Lint before the browser: a boundary or promise-handling violation fails the run.
if (run('npm', ['run', '--silent', 'lint']) !== 0) process.exit(1);
// The mutation check's breaks must still apply to the code (a second, no browser): a stale one
// would quietly stop proving that its tests can fail.
if (run('node', ['tests/mutate/run.mjs', '--check']) !== 0) process.exit(1);
process.exit(runPlaywright(process.argv.slice(2)));

/**
 * Playwright in two rounds: project `suite` two spec files at a time, then project `alone` (the
 * specs that time the page, see playwright.config.ts) with nothing else running. Each round
 * writes its own JSON report; the two are merged into one where $PLAYWRIGHT_JSON_OUTPUT_NAME
 * asks for it (.ci/run counts its summary from it). Given `--project`, one plain run.
 */
function runPlaywright(args) {
  if (args.some((arg) => arg.startsWith('--project'))) return run('npx', ['playwright', 'test', ...args]);
  // The reporters asked for (`--reporter=a,b` or `--reporter a,b`), to which each round adds json.
  let reporters = 'list';
  const rest = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--reporter') reporters = args[++index];
    else if (args[index].startsWith('--reporter=')) reporters = args[index].slice('--reporter='.length);
    else rest.push(args[index]);
  }
  const asked = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;
  const withJson = reporters.split(',').includes('json') ? reporters : `${reporters},json`;
  const reports = [];
  let status = 0;
  for (const project of ['suite', 'alone']) {
    const report = resolve(`test-results/report-${project}.json`);
    rmSync(report, { force: true });
    const code = run(
      'npx',
      ['playwright', 'test', `--project=${project}`, `--reporter=${withJson}`, '--pass-with-no-tests', ...rest],
      { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    );
    if (code !== 0) status = code;
    if (existsSync(report)) reports.push(JSON.parse(readFileSync(report, 'utf8')));
    else status ||= 1;
  }
  const merged = mergeReports(reports);
  if (asked) writeFileSync(asked, JSON.stringify(merged, null, 2));
  const { expected, unexpected, flaky, skipped } = merged.stats;
  if (expected + unexpected + flaky + skipped === 0) {
    console.error(`No tests found for: ${rest.join(' ')}`);
    return 1;
  }
  return status;
}

/** One Playwright JSON report of several runs of the same config. */
function mergeReports(reports) {
  const stats = { expected: 0, skipped: 0, unexpected: 0, flaky: 0, duration: 0 };
  for (const { stats: each } of reports) for (const key of Object.keys(stats)) stats[key] += each[key] ?? 0;
  return {
    config: reports[0]?.config,
    suites: reports.flatMap((report) => report.suites ?? []),
    errors: reports.flatMap((report) => report.errors ?? []),
    stats: { startTime: reports[0]?.stats.startTime, ...stats },
  };
}
