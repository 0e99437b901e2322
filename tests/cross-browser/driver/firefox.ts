// Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi (Playwright's own Firefox
// build cannot be downloaded here, and Debian ships no geckodriver).
import puppeteer, { type ElementHandle } from 'puppeteer-core';
import { EVALUATE_TIMEOUT, READY_TIMEOUT, readRecordedProblems, type BrowserSession, type Json } from './session.ts';

export async function startFirefox(executablePath: string, baseURL: string): Promise<BrowserSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      // A closed network: no update checks, telemetry or remote settings calls.
      'app.update.enabled': false,
      'network.connectivity-service.enabled': false,
      // Firefox asks the user before navigator.storage.persist() resolves (Chromium and WebKit
      // answer at once): the session answers "Allow", as Firefox's own tests do.
      'dom.storageManager.prompt.testing': true,
      'dom.storageManager.prompt.testing.allow': true,
    },
  });
  try {
    // The tab Firefox opens with: a new one costs seconds more on a busy machine.
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    page.setDefaultTimeout(EVALUATE_TIMEOUT);
    const version = (await browser.version()).replace(/^firefox\//, '');
    return {
      engine: 'firefox',
      version,
      async open(url) {
        await page.goto(new URL(url, baseURL).href);
        await page.waitForFunction(() => document.body.dataset['ready'] === 'true', { timeout: READY_TIMEOUT });
      },
      evaluate: (fn, ...args) => page.evaluate(fn as (...args: Json[]) => unknown, ...args) as never,
      async pickFiles(host, input, paths) {
        // `>>>` looks into shadow roots; uploadFile is WebDriver BiDi's input.setFiles.
        const element = await page.waitForSelector(`${host} >>> ${input}`);
        if (!element) throw new Error(`no ${input} inside ${host}`);
        try {
          await (element as ElementHandle<HTMLInputElement>).uploadFile(...paths);
        } finally {
          await element.dispose();
        }
      },
      problems: () => page.evaluate(readRecordedProblems),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
