import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { launchOptions } from './tests/support/chromium.mjs';

const port = Number(process.env.PORT ?? 5173);

/** Where the dev server's upload receiver stores what the demo test uploads (see tests/demo.spec.ts). */
export const DEMO_UPLOAD_DIR = resolve(import.meta.dirname, `test-results/demo-uploads-${port}`);

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
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
  webServer: {
    command: `npx vite --port ${port} --strictPort`,
    env: { IMAGESPEC_TEST_SERVER: '1', IMAGESPEC_UPLOAD_DIR: DEMO_UPLOAD_DIR },
    url: `http://localhost:${port}/tests/pages/harness.html`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
