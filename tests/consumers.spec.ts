// What users install: imagespec from `npm pack` of this tree, in fresh apps that their own tools
// serve or build (tests/consumers/), with no setting for imagespec, under a strict CSP and, where
// the app is built, from a sub-path. Each app runs the ImageKit example through its own worker
// module (the custom black-and-white processor) and a built-in spec through imagespec's own worker.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import sharp from 'sharp';
import { fillSourceRect } from '../src/shared/geometry.ts';
import {
  danglingSourceMaps,
  prepareConsumers,
  run,
  startViteDev,
  withApp,
  STRICT_CSP,
  watchPage,
  type ConsumerWorkspace,
} from './support/consumer-apps.ts';
import { expectGrey } from './support/example.ts';
import { drawPhoto } from './support/images.ts';
import { decodeRgba, lumaSsim } from './support/pixels.ts';
import { startStaticServer } from './support/static-server.ts';

interface PageVariant {
  width: number;
  height: number;
  type: string;
  base64: string;
}

interface PageOutcome {
  variants: Record<string, PageVariant>;
  violations: string[];
}

declare global {
  interface Window {
    consumer: { example(url: string): Promise<PageOutcome>; builtIn(url: string): Promise<PageOutcome> };
  }
}

// Builds and dev servers share two cores with the browser: the default minute is too short.
test.describe.configure({ timeout: 180_000 });

let workspace: ConsumerWorkspace;
let photo: Buffer;

test.beforeAll(async () => {
  // The first run packs the tree and installs every app (Vite 6 and webpack come from the registry).
  test.setTimeout(300_000);
  [workspace, photo] = await Promise.all([prepareConsumers(), drawPhoto(1600, 1200)]);
});

const bytesOf = (variant: PageVariant) => Buffer.from(variant.base64, 'base64');

/** The three versions are what the example asks for, pixel for pixel where it is cheap to tell. */
async function expectExample({ variants, violations }: PageOutcome): Promise<void> {
  const { thumbnail, display, original } = variants;
  expect(thumbnail).toMatchObject({ width: 100, height: 75, type: 'image/jpeg' });
  expect(display).toMatchObject({ width: 200, height: 400 });
  expect(bytesOf(original!).equals(photo), 'the original is the file, byte for byte').toBe(true);

  const shown = await decodeRgba(bytesOf(display!));
  expect([shown.width, shown.height]).toEqual([200, 400]);
  expectGrey(shown, 1);

  // sharp's lanczos3 of the same source region: a wrong crop, a stretch or a broken resample scores far lower.
  const region = fillSourceRect({ width: 1600, height: 1200 }, { width: 100, height: 75 }, { x: 0.5, y: 0.5 });
  const reference = await sharp(photo)
    .extract({ left: region.x, top: region.y, width: region.width, height: region.height })
    .resize(100, 75, { fit: 'fill', kernel: 'lanczos3' })
    .png()
    .toBuffer();
  const score = lumaSsim(await decodeRgba(bytesOf(thumbnail!)), await decodeRgba(reference));
  console.log(`thumbnail SSIM against sharp: ${score.toFixed(4)}`);
  expect(score).toBeGreaterThanOrEqual(0.9);
  expect(violations).toEqual([]);
}

function expectBuiltIn({ variants, violations }: PageOutcome): void {
  expect(variants.web).toMatchObject({ width: 640, height: 480, type: 'image/jpeg' });
  expect(violations).toEqual([]);
}

/**
 * Opens the app: it makes the example's three versions through its own worker and the built-in
 * spec through imagespec's, with nothing going wrong on the page. Returns the page loads seen.
 */
async function expectAppWorks(page: Page, url: string): Promise<number> {
  const watched = watchPage(page);
  await page.route('**/__input/photo.jpg', (route) => route.fulfill({ body: photo, contentType: 'image/jpeg' }));
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
  await expectExample(await page.evaluate(() => window.consumer.example('__input/photo.jpg')));
  expectBuiltIn(await page.evaluate(() => window.consumer.builtIn('__input/photo.jpg')));
  expect(watched.problems).toEqual([]);
  return watched.navigations();
}

/** Runs `use` with the server, then closes it whatever happened. */
async function serving<Server extends { close(): Promise<void> }>(
  server: Server,
  use: (server: Server) => Promise<void>,
): Promise<void> {
  try {
    await use(server);
  } finally {
    await server.close();
  }
}

const strictSite = (mounts: Record<string, string>) =>
  startStaticServer(mounts, { 'Content-Security-Policy': STRICT_CSP });

test('Vite 6 dev server: the app works on a cold start, with the one setting the README gives for Vite 5 to 7', async ({
  page,
}) => {
  const app = workspace.app('vite6');
  await withApp(app, async () =>
    serving(await startViteDev(app), async (server) => {
      await expectAppWorks(page, `${server.origin}/`);
    }),
  );
});

test('Vite 8 dev server: the first load after a cold start runs to the end, never reloaded', async ({ page }) => {
  const app = workspace.app('vite8');
  await withApp(app, async () =>
    serving(await startViteDev(app), async (server) => {
      expect(await expectAppWorks(page, `${server.origin}/`), 'page loads (a dev-server reload adds one)').toBe(1);
      expect(server.log()).not.toMatch(/reload/i);
    }),
  );
});

test('Vite 8 build served from a sub-path', async ({ page }) => {
  const app = workspace.app('vite8');
  await withApp(app, async () => {
    await run(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), 'build', '--base', '/shop/'], app);
    expect(danglingSourceMaps(join(app, 'dist'))).toEqual([]);
    await serving(await strictSite({ '/shop/': join(app, 'dist') }), async (server) => {
      await expectAppWorks(page, `${server.origin}/shop/index.html`);
    });
  });
});

test('webpack 5 production build served from a sub-path', async ({ page }) => {
  const app = workspace.app('webpack');
  const build = `import webpack from 'webpack'; import config from './webpack.config.js';
    webpack(config, (error, stats) => {
      if (error || stats.hasErrors() || stats.hasWarnings()) { console.error(error ?? stats.toString('errors-warnings')); process.exit(1); }
    });`;
  await withApp(app, async () => {
    await run(process.execPath, ['--input-type=module', '-e', build], app);
    expect(danglingSourceMaps(join(app, 'dist'))).toEqual([]);
    await serving(await strictSite({ '/shop/': app }), async (server) => {
      await expectAppWorks(page, `${server.origin}/shop/index.html`);
    });
  });
});

test('a page without a bundler imports the dist/ files from where the site serves them', async ({ page }) => {
  const app = workspace.app('no-bundler');
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const site = { '/shop/vendor/imagespec/': join(app, 'node_modules/imagespec/dist'), '/shop/': app };
  await serving(await strictSite(site), async (server) => {
    await expectAppWorks(page, `${server.origin}/shop/index.html`);
    expect(workers).toContain(`${server.origin}/shop/vendor/imagespec/imagespec/default-worker.js`);
  });
});
