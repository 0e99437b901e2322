// The cross-browser subset, declared once and run by one spec file per engine: Playwright gives
// each file its own worker, so each engine's browser starts once and closes when its file ends.
import { findEngine } from './driver/engines.mjs';
import type { Engine } from './driver/session.ts';
import { test } from './fixtures.ts';
import { cacheCases } from './cases/cache.ts';
import { cspCases } from './cases/csp.ts';
import { errorCases } from './cases/errors.ts';
import { exampleCases } from './cases/example.ts';
import { featureCases } from './cases/features.ts';
import { uploadCases } from './cases/upload.ts';

/** Call once, at the top level of the engine's spec file (a worker-scoped option must be set there). */
export function describeCrossBrowser(engine: Engine): void {
  const install = findEngine(engine);
  test.use({ engine });
  test.describe(engine, () => {
    test.skip(!install.found, install.found ? '' : install.reason);
    exampleCases();
    errorCases();
    cacheCases();
    uploadCases();
    cspCases();
    featureCases();
  });
}
