// The cross-browser tests are Playwright tests, counted in its report like every other, but the
// browser is a worker-scoped session of the engine under test, started once per engine and
// reused by every test of that engine (a new browser per test would cost seconds each).
import { test as base } from '@playwright/test';
import { findEngine } from './driver/engines.mjs';
import type { BrowserSession, Engine } from './driver/session.ts';
import { startSession } from './driver/start.ts';

export interface CrossBrowserWorkerFixtures {
  /** The engine this file's tests run in (set once per spec file with `test.use`). */
  engine: Engine;
  session: BrowserSession;
}

export const test = base.extend<object, CrossBrowserWorkerFixtures>({
  engine: ['chromium', { scope: 'worker', option: true }],
  session: [
    async ({ engine }, use, workerInfo) => {
      const install = findEngine(engine);
      if (!install.found) throw new Error(install.reason); // the suite skips before it gets here
      const baseURL = workerInfo.project.use.baseURL;
      if (!baseURL) throw new Error('the cross-browser tests need use.baseURL (the test server)');
      const started = performance.now();
      const session = await startSession(install, baseURL);
      console.log(`${engine} ${session.version}: started in ${Math.round(performance.now() - started)} ms`);
      try {
        await use(session);
      } finally {
        await session.close();
      }
    },
    // Firefox and WebKit take a few seconds to start on a busy machine.
    { scope: 'worker', timeout: 90_000 },
  ],
});

export { expect } from '@playwright/test';
