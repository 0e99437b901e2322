// The page without a bundler (tests/consumers/no-bundler) on the packed library, served with a
// strict Content-Security-Policy on every response, workers included: what a careful site runs.
// The app is installed by the consumer tests' workspace, shared with them (built once per tree).
import { join, resolve } from 'node:path';
import { prepareConsumers, STRICT_CSP } from '../support/consumer-apps.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';

const PAGES = resolve(import.meta.dirname, 'pages');
export const STRICT_PAGE = '/check/csp.html';

/** Serves the app, the installed library's dist/ and the problem recorder, all under the strict CSP. */
export async function startStrictSite(): Promise<StaticServer> {
  const app = (await prepareConsumers(['no-bundler'])).app('no-bundler');
  return startStaticServer(
    {
      '/app/vendor/imagespec/': join(app, 'node_modules/imagespec/dist'),
      '/app/': app,
      '/check/': PAGES,
    },
    { 'Content-Security-Policy': STRICT_CSP },
  );
}
