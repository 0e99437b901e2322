// One session of an installed engine, whichever it is.
import { startChromium } from './chromium.ts';
import type { EngineInstall } from './engines.mjs';
import { startFirefox } from './firefox.ts';
import type { BrowserSession } from './session.ts';
import { startWebKit } from './webkit.ts';

export function startSession(
  install: Extract<EngineInstall, { found: true }>,
  baseURL: string,
): Promise<BrowserSession> {
  if (install.engine === 'webkit') return startWebKit(install, baseURL);
  if (install.engine === 'firefox') return startFirefox(install.executablePath, baseURL);
  return startChromium(install.executablePath, baseURL);
}
