// Where the cross-browser engines are installed, and why not where they are missing. Shared by
// the test fixtures and `npm test` (tests/run.mjs), which installs what is missing where it can.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findChromium } from '../../support/chromium.mjs';

/** Debian's packages that provide the engines beyond Chromium. */
export const ENGINE_PACKAGES = ['firefox-esr', 'webkit2gtk-driver', 'xvfb'];

const FIREFOX_PATHS = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
// WebKitGTK's own test browser, shipped by libwebkit2gtk (4.1: libsoup 3; 4.0: libsoup 2; 6.0: GTK 4).
const MINIBROWSER_PATHS = ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0'].flatMap((api) =>
  ['x86_64-linux-gnu', 'aarch64-linux-gnu'].map((triplet) => `/usr/lib/${triplet}/${api}/MiniBrowser`),
);

function onPath(command) {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, command);
    if (folder && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The variables that point an engine's lookup elsewhere. */
const ENGINE_VARIABLES = { firefox: ['FIREFOX_PATH'], webkit: ['WEBKIT_WEBDRIVER_PATH', 'WEBKIT_MINIBROWSER_PATH'] };

function fromEnv(variable) {
  return process.env[variable] || undefined;
}

/**
 * Why a variable set for this engine cannot be used: it names nothing. The engine is then
 * skipped, saying so, like a missing one (a throw here would stop the whole run, every engine).
 */
function wrongVariable(engine) {
  const variable = ENGINE_VARIABLES[engine].find((name) => fromEnv(name) && !existsSync(fromEnv(name)));
  return variable && `${variable} is set to ${fromEnv(variable)}, which does not exist`;
}

/** @returns {import('./engines.d.mts').EngineInstall} */
export function findEngine(engine) {
  if (engine === 'chromium') {
    const executablePath = findChromium();
    return executablePath
      ? { engine, found: true, executablePath }
      : { engine, found: false, reason: 'Chromium is not installed (set CHROMIUM_PATH, or install chromium)' };
  }
  const wrong = wrongVariable(engine);
  if (wrong) return { engine, found: false, reason: wrong };
  if (engine === 'firefox') {
    const executablePath = fromEnv('FIREFOX_PATH') ?? FIREFOX_PATHS.find((path) => existsSync(path));
    return executablePath
      ? { engine, found: true, executablePath }
      : { engine, found: false, reason: 'Firefox is not installed (set FIREFOX_PATH, or apt-get install firefox-esr)' };
  }
  const driver = fromEnv('WEBKIT_WEBDRIVER_PATH') ?? onPath('WebKitWebDriver');
  const miniBrowser = fromEnv('WEBKIT_MINIBROWSER_PATH') ?? MINIBROWSER_PATHS.find((path) => existsSync(path));
  // MiniBrowser has no headless mode: it needs a display, a real one or Xvfb's.
  const xvfb = onPath('Xvfb');
  const missing = [
    ...(driver ? [] : ['WebKitWebDriver']),
    ...(miniBrowser ? [] : ['MiniBrowser']),
    ...(xvfb || process.env.DISPLAY ? [] : ['Xvfb (or a DISPLAY)']),
  ];
  if (missing.length > 0)
    return {
      engine,
      found: false,
      reason: `WebKit is not installed: no ${missing.join(', no ')} (apt-get install webkit2gtk-driver xvfb)`,
    };
  return { engine, found: true, driver, miniBrowser, xvfb: process.env.DISPLAY ? undefined : xvfb };
}
