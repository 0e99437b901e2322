import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/support/chromium.mjs';

const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: launchOptions(),
  },
  webServer: {
    command: `npx vite --port ${port} --strictPort`,
    env: { IMAGESPEC_TEST_SERVER: '1' },
    url: `http://localhost:${port}/tests/pages/harness.html`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
