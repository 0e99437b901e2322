// Chromium through Playwright itself, behind the same interface as the other engines, so the
// cross-browser subset reads the same in all three.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../support/chromium.mjs';
import { EVALUATE_TIMEOUT, READY_TIMEOUT, readRecordedProblems, type BrowserSession } from './session.ts';

export async function startChromium(executablePath: string, baseURL: string): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ baseURL });
    page.setDefaultTimeout(EVALUATE_TIMEOUT);
    return {
      engine: 'chromium',
      version: browser.version(),
      async open(url) {
        await page.goto(url);
        await page.waitForFunction(() => document.body.dataset['ready'] === 'true', undefined, {
          timeout: READY_TIMEOUT,
        });
      },
      // Playwright passes one argument: the function goes as source text, as with the other engines.
      evaluate: (fn, ...args) => page.evaluate(`(${fn.toString()})(...${JSON.stringify(args)})`),
      // Playwright's CSS selectors see into open shadow roots.
      pickFiles: (host, input, paths) => page.locator(`${host} ${input}`).setInputFiles(paths),
      problems: () => page.evaluate(readRecordedProblems),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
