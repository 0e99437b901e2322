// Node-side helpers of the cross-browser cases: inputs travel into the page as data: URLs (no
// engine-specific request routing), results come back as plain data.
import type { Specs } from '../../src/index.ts';
import { decodeOutcome, type InPageOptions, type Outcome } from '../support/page.ts';
import type { BrowserSession } from './driver/session.ts';

export const HARNESS = '/tests/cross-browser/pages/harness.html';
export const CACHE_HARNESS = '/tests/cross-browser/pages/cache-harness.html';
export const UPLOAD_HARNESS = '/tests/cross-browser/pages/upload-harness.html';

/** Bytes as a URL every engine's `fetch` reads without a server. */
export function dataUrl(bytes: Buffer): string {
  return `data:application/octet-stream;base64,${bytes.toString('base64')}`;
}

/** Runs `processImage` in the harness page on these bytes; variants come back as Buffers. */
export async function processIn(
  session: BrowserSession,
  name: string,
  bytes: Buffer,
  specs: Specs,
  options: InPageOptions = {},
): Promise<Outcome> {
  const outcome = await session.evaluate(
    (url, name, specs, options) => window.harness.run(url, name, JSON.parse(specs) as Specs, JSON.parse(options)),
    dataUrl(bytes),
    name,
    JSON.stringify(specs),
    JSON.stringify(options),
  );
  return decodeOutcome(outcome);
}
