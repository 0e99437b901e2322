// The skip path, end to end: the subset run for engines whose browsers are not there (their
// variables point nowhere, as on a machine without them) is reported as skipped, every test of
// it, with the reason, and nothing fails. Node only: no browser starts; the run's own dev server does.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { JSONReport, JSONReportSuite, JSONReportTest } from '@playwright/test/reporter';
import { expect, test } from '@playwright/test';
import { freePort } from '../support/free-port.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'node_modules/@playwright/test/cli.js');
const NOWHERE = '/nonexistent/imagespec-skip-check';

/** Runs Playwright on `files` with `env` over this process's own, less the outer run's worker variables. */
function runPlaywright(files: string[], env: Record<string, string>, reportFile: string, output: string) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(TEST_|PW_|PLAYWRIGHT_)/.test(name)),
  );
  return new Promise<{ code: number | null; log: string }>((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'test', ...files, '--reporter=json', `--output=${output}`], {
      cwd: ROOT,
      env: { ...inherited, ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, log }));
  });
}

/** Every test in the report, with the spec file that ran it (its cases are declared in cases/). */
function testsOf(report: JSONReport): Array<{ file: string; title: string; test: JSONReportTest }> {
  const found: Array<{ file: string; title: string; test: JSONReportTest }> = [];
  const walk = (suite: JSONReportSuite, file: string) => {
    for (const spec of suite.specs) for (const one of spec.tests) found.push({ file, title: spec.title, test: one });
    for (const child of suite.suites ?? []) walk(child, file);
  };
  for (const suite of report.suites) walk(suite, suite.file);
  return found;
}

test('without Firefox and WebKit, their subsets are reported as skipped, every test, with the reason', async () => {
  // A Playwright run of its own: its dev server starts (a few seconds), no browser does.
  test.setTimeout(120_000);
  const scratch = await mkdtemp(join(tmpdir(), 'imagespec-skip-check-'));
  try {
    const reportFile = join(scratch, 'report.json');
    const { code, log } = await runPlaywright(
      ['tests/cross-browser/firefox.spec.ts', 'tests/cross-browser/webkit.spec.ts'],
      {
        FIREFOX_PATH: `${NOWHERE}/firefox`,
        WEBKIT_WEBDRIVER_PATH: `${NOWHERE}/WebKitWebDriver`,
        // Its own dev server, on a free port: a fixed one would meet the same test of another
        // worker (`--repeat-each`) or another run.
        PORT: String(await freePort()),
      },
      reportFile,
      join(scratch, 'output'),
    );
    expect(code, log).toBe(0);
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as JSONReport;
    expect(report.errors, 'errors outside tests').toEqual([]);
    expect([report.stats.unexpected, report.stats.expected, report.stats.flaky]).toEqual([0, 0, 0]);
    const tests = testsOf(report);
    const reasons = {
      'firefox.spec.ts': `FIREFOX_PATH is set to ${NOWHERE}/firefox, which does not exist`,
      'webkit.spec.ts': `WEBKIT_WEBDRIVER_PATH is set to ${NOWHERE}/WebKitWebDriver, which does not exist`,
    };
    const titles: Record<string, string[]> = {};
    for (const [file, reason] of Object.entries(reasons)) {
      const mine = tests.filter((entry) => entry.file.endsWith(file));
      titles[file] = mine.map((entry) => entry.title).sort();
      for (const { title, test: one } of mine) {
        expect(one.status, `${file}: ${title}`).toBe('skipped');
        expect(
          one.results.map((result) => result.status),
          `${file}: ${title} never ran`,
        ).toEqual(['skipped']);
        expect(one.annotations, `${file}: ${title}`).toContainEqual(
          expect.objectContaining({ type: 'skip', description: reason }),
        );
      }
    }
    // Present, not absent: both engines declare the whole subset (the widget case among it).
    expect(titles['firefox.spec.ts']!.length).toBeGreaterThan(15);
    expect(titles['webkit.spec.ts']).toEqual(titles['firefox.spec.ts']);
    expect(titles['firefox.spec.ts']).toContain(
      'a photo picked through the widget is processed and uploaded: the receiver has its versions, right in size and pixels',
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
