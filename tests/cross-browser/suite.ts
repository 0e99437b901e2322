// The cross-browser subset, declared once and run by one spec file per engine: Playwright gives
// each file its own worker, so each engine's browser starts once and closes when its file ends.
import { findEngine } from './driver/engines.mjs';
import type { Engine } from './driver/session.ts';
import { test } from './fixtures.ts';
import { cacheHitCases, cacheStallCases } from './cases/cache.ts';
import { cspCases } from './cases/csp.ts';
import { errorCases } from './cases/errors.ts';
import { exampleCases } from './cases/example.ts';
import { featureCases, webpCases } from './cases/features.ts';
import { uploadCases } from './cases/upload.ts';
import { widgetCases } from './cases/widget.ts';

/** Call once, at the top level of the engine's spec file (a worker-scoped option must be set there). */
export function describeCrossBrowser(engine: Engine): void {
  const install = findEngine(engine);
  test.use({ engine });
  test.describe(engine, () => {
    test.skip(!install.found, install.found ? '' : install.reason);
    // Chromium runs the whole main suite: here it runs only what that suite does not. Each group
    // below is declared for Firefox and WebKit alone, and says where Chromium runs the same check.
    if (engine !== 'chromium') {
      // example.spec.ts (the example against sharp, transparency kept and flattened onto white),
      // orientation.spec.ts (eight orientations, full and reduced-scale decode), corpus.spec.ts
      // (the real phone photo, with the rest of the corpus).
      exampleCases();
      // error-paths.spec.ts (a JPEG cut in half, the 30000x30000 header bomb, the next file
      // working), pool.spec.ts (abort: every file ABORTED within 200 ms, the pool working after).
      errorCases();
      // cache.spec.ts (a hit under another name, nothing made again; every call resolves). In
      // Chromium IndexedDB stores Blobs, so the refused-Blobs case is the ordinary cache path.
      cacheHitCases();
      // upload.spec.ts (the queue to imagespec/server, every version stored once, byte-identical).
      uploadCases();
      // consumers.spec.ts (the page without a bundler on the packed library, same strict CSP).
      cspCases();
      // encode.spec.ts (a WebP source's default is WebP), outputs.spec.ts (an encoder answering
      // another type than asked fails with ENCODE_FAILED, as Safari's does for WebP).
      webpCases();
    }
    cacheStallCases();
    featureCases();
    widgetCases();
  });
}
