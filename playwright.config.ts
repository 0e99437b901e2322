import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { launchOptions } from './tests/support/chromium.mjs';

const port = Number(process.env.PORT ?? 5173);

/**
 * Specs that time the page, the pool or the receiver (main-thread long tasks, an abort settling
 * within 200 ms and its worker stopped, answers within a second):
 * project `alone`, which `npm test` (tests/run.mjs) runs after the rest, one test at a time, so
 * no other test's load can fail them. Every other spec runs in project `suite`, two at a time.
 */
export const RUN_ALONE = [
  'main-thread.spec.ts',
  'pool.spec.ts',
  'widget-main-thread.spec.ts',
  'server/load.spec.ts',
  'server/multipart.spec.ts',
].map((file) => `tests/${file}`);

/** Where the dev server's upload receiver stores what the demo test uploads (see tests/demo.spec.ts). */
export const DEMO_UPLOAD_DIR = resolve(import.meta.dirname, `test-results/demo-uploads-${port}`);

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  fullyParallel: false,
  // Two spec files at a time: most of a test is waiting on a browser's workers, a build or a
  // server, so two share the machine's two cores well. IMAGESPEC_TEST_WORKERS=1 runs one at a time.
  workers: Number(process.env.IMAGESPEC_TEST_WORKERS ?? 2),
  // No retries: a test that fails sometimes is a failure. One that must retry for a known
  // reason sets it itself and says why (main-thread.spec.ts); .ci/run counts it as flaky and
  // fails the run when it is flaky twice in a row.
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: launchOptions(),
  },
  projects: [
    // Each its own output folder: a round of tests/run.mjs empties only its project's.
    {
      name: 'suite',
      testIgnore: RUN_ALONE.map((file) => resolve(import.meta.dirname, file)),
      outputDir: 'test-results/artifacts/suite',
    },
    {
      name: 'alone',
      testMatch: RUN_ALONE.map((file) => resolve(import.meta.dirname, file)),
      outputDir: 'test-results/artifacts/alone',
      workers: 1,
    },
  ],
  webServer: {
    command: `npx vite --port ${port} --strictPort`,
    env: { IMAGESPEC_TEST_SERVER: '1', IMAGESPEC_UPLOAD_DIR: DEMO_UPLOAD_DIR },
    url: `http://localhost:${port}/tests/pages/harness.html`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
