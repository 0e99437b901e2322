// Node, server-side rendering, an old browser: where a browser API imagespec needs is missing,
// a call fails with one typed error that names the API, not with a bare ReferenceError from
// deep inside.
import { ImageSpecError } from './errors/imagespec-error.ts';

/**
 * The `UNSUPPORTED_ENVIRONMENT` error of a call that needs `api`, which is not defined here.
 * `needs` says why imagespec needs it.
 */
export function missingBrowserApi(api: string, needs: string): ImageSpecError {
  return new ImageSpecError(
    'UNSUPPORTED_ENVIRONMENT',
    `unsupported environment: ${api} is not defined (${needs}; call it from client-side code, not during server-side rendering or in Node)`,
  );
}
