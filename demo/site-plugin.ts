// The demo as a site: strict security headers on its responses, its photo addresses served by its
// one page, and its URL printed at start. A Vite plugin for the dev server (`npm run demo`) and
// the preview of the production build (`npm run demo:preview`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';

/** Where the gallery lives; a photo's profile is `${DEMO_BASE}photos/<upload id>`. */
export const DEMO_BASE = '/demo/';

/**
 * The demo's Content-Security-Policy: nothing inline, no eval, workers only from the site's own
 * files (never `blob:`), images from the site and the object URLs of versions made in the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // pica compiles its WebAssembly resampler from bytes: 'wasm-unsafe-eval' allows exactly that, not eval().
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Browser features the demo never uses, denied to it and to anything it might embed. */
const DENIED_FEATURES = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
];

/** Sent with every demo response. A stored file's own, stricter CSP (set by the receiver) wins over ours. */
export const STRICT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': DENIED_FEATURES.map((feature) => `${feature}=()`).join(', '),
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** A photo's profile address: answered with the gallery's page, whose router shows the photo. */
const PROFILE_PATH = new RegExp(`^${DEMO_BASE}photos/[A-Za-z0-9_.:-]{1,200}/?$`);

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * On the dev server the test and benchmark pages (`/tests/`) share the origin: they compare
 * imagespec with libraries that start `blob:` workers, so they keep the browser's defaults.
 */
function demoMiddleware(exempt: (path: string) => boolean): Middleware {
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!exempt(path)) for (const [name, value] of Object.entries(STRICT_HEADERS)) res.setHeader(name, value);
    if (PROFILE_PATH.test(path)) req.url = `${DEMO_BASE}index.html`;
    next();
  };
}

function printDemoUrl(server: ViteDevServer | PreviewServer): void {
  const print = server.printUrls.bind(server);
  server.printUrls = () => {
    print();
    for (const url of server.resolvedUrls?.local ?? []) {
      server.config.logger.info(`  ➜  Gallery: ${new URL(DEMO_BASE, url).href}`);
    }
  };
}

/**
 * The demo site on Vite's dev and preview servers.
 *
 * @example
 * export default defineConfig({ plugins: [demoSite(), uploadReceiver()] });
 */
export function demoSite(): Plugin {
  return {
    name: 'imagespec-demo-site',
    configureServer(server) {
      server.middlewares.use(demoMiddleware((path) => path.startsWith('/tests/')));
      printDemoUrl(server);
    },
    configurePreviewServer(server) {
      server.middlewares.use(demoMiddleware(() => false));
      printDemoUrl(server);
    },
  };
}
