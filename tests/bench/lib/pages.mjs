// Opening bench pages: one browser context (hence one renderer process) each.
import { BENCH_PAGE } from './server.mjs';

/** How long one page call may take before the bench gives up on it (a hung peer must not hang the run). */
const CALL_TIMEOUT_MS = 180_000;

/** page.evaluate with a time limit. */
export async function call(page, fn, arg) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`page call timed out after ${CALL_TIMEOUT_MS / 1000} s`)),
      CALL_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([page.evaluate(fn, arg), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A fresh context and page on the bench page, with page errors echoed to the console. */
export async function openBenchPage(browser, baseUrl, label) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => console.warn(`  [${label}] page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.warn(`  [${label}] console: ${message.text()}`);
  });
  await page.goto(`${baseUrl}${BENCH_PAGE}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  return { context, page };
}

/** What the page needs to know of a photo. */
export function pagePhoto(photo) {
  return { url: photo.url, name: photo.name, width: photo.width, height: photo.height, orientation: photo.orientation };
}
