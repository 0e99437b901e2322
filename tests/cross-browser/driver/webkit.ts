// WebKitGTK's MiniBrowser, driven over classic WebDriver by WebdriverIO through Debian's
// WebKitWebDriver, on a virtual display (MiniBrowser has no headless mode). Its automation
// sessions use an ephemeral profile, as Safari's private browsing does.
import { spawn } from 'node:child_process';
import { freePort } from '../../support/free-port.ts';
import { remote } from 'webdriverio';
import { EVALUATE_TIMEOUT, READY_TIMEOUT, readRecordedProblems, type BrowserSession, type Json } from './session.ts';
import { startXvfb, stopProcess, type VirtualDisplay } from './xvfb.ts';

export interface WebKitPaths {
  driver: string;
  miniBrowser: string;
  /** Xvfb, where no display is set. */
  xvfb: string | undefined;
}

async function waitForDriver(origin: string, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      if ((await fetch(`${origin}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer at ${origin} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Classic WebDriver runs a script body, not a function: this body calls the function given as
 * source with the JSON arguments, and reports a rejection as data (WebDriver's own error would
 * lose the message in some drivers).
 */
function asyncScript(source: string): string {
  return `const done = arguments[arguments.length - 1];
    const args = Array.prototype.slice.call(arguments, 0, -1);
    Promise.resolve().then(() => (${source})(...args)).then(
      (value) => done({ value: value === undefined ? null : value }),
      (error) => done({ error: String(error && error.stack || error) }),
    );`;
}

export async function startWebKit(paths: WebKitPaths, baseURL: string): Promise<BrowserSession> {
  const display: VirtualDisplay | undefined = paths.xvfb ? await startXvfb(paths.xvfb) : undefined;
  const port = await freePort();
  const driver = spawn(paths.driver, [`--port=${port}`], {
    stdio: 'ignore',
    env: { ...process.env, ...(display ? { DISPLAY: display.display } : {}) },
  });
  const stopAll = async () => {
    await stopProcess(driver);
    await display?.stop();
  };
  try {
    await waitForDriver(`http://127.0.0.1:${port}`, 10_000);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: paths.miniBrowser, args: ['--automation'] },
      } as WebdriverIO.Capabilities,
    });
    await browser.setTimeout({ script: EVALUATE_TIMEOUT, pageLoad: READY_TIMEOUT });
    const evaluate = async <Result>(source: string, args: Json[]): Promise<Result> => {
      const outcome = await browser.executeAsync<{ value?: Result; error?: string }, Json[]>(
        asyncScript(source),
        ...args,
      );
      if (outcome.error !== undefined) throw new Error(`evaluation failed in WebKit: ${outcome.error}`);
      return outcome.value as Result;
    };
    return {
      engine: 'webkit',
      version: String(browser.capabilities.browserVersion),
      async open(url) {
        await browser.url(new URL(url, baseURL).href);
        await browser.waitUntil(() => browser.execute(() => document.body.dataset['ready'] === 'true'), {
          timeout: READY_TIMEOUT,
          interval: 100,
          timeoutMsg: `${url} did not become ready in WebKit within ${READY_TIMEOUT} ms`,
        });
      },
      evaluate: (fn, ...args) => evaluate(fn.toString(), args),
      async pickFiles(host, input, paths) {
        // Classic WebDriver types a path into a file input; WebKitWebDriver takes several, one a line.
        await browser.$(host).shadow$(input).addValue(paths.join('\n'));
      },
      problems: () => evaluate(readRecordedProblems.toString(), []),
      async close() {
        try {
          await browser.deleteSession();
        } finally {
          await stopAll();
        }
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
