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
  // One retry in CI: a 2-core machine shared by the browser, the dev server and the runner can
  // stretch a timing past a bound once; the report still lists such a test as flaky.
  retries: process.env.CI ? 1 : 0,
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
