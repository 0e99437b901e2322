// `npm test`: makes sure a Chromium exists (installing one where none is found), installs Firefox
// ESR and WebKitGTK for the cross-browser subset where it can (or says which engine it skips and
// why), type-checks, lints (ESLint + Prettier), then runs Playwright with the arguments given.
// (The consumer tests build the library themselves.)
import { spawnSync } from 'node:child_process';
import { ENGINE_PACKAGES, findEngine } from './cross-browser/driver/engines.mjs';
import { findChromium } from './support/chromium.mjs';

function run(command, args) {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  return status ?? 1;
}

const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;

function aptInstall(packages) {
  const quiet = 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq';
  return run('sh', ['-c', `apt-get update -qq && ${quiet} ${packages.join(' ')} >/dev/null`]) === 0;
}

if (!findChromium()) {
  if (canApt) {
    console.log("No Chromium found: installing Debian's chromium package.");
    aptInstall(['chromium']);
  } else {
    console.log("No Chromium found: installing Playwright's.");
    run('npx', ['playwright', 'install', 'chromium']);
  }
  if (!findChromium()) {
    console.error('Could not install Chromium. Set CHROMIUM_PATH to a Chromium or Chrome binary.');
    process.exit(1);
  }
}

// The cross-browser subset (tests/cross-browser/) in Firefox and WebKit: Debian's packages, where
// this machine can install them; elsewhere those engines' tests are skipped, and said so here.
const absentEngines = () => ['firefox', 'webkit'].filter((engine) => !findEngine(engine).found);
if (absentEngines().length > 0 && canApt) {
  console.log(`Installing Debian's ${ENGINE_PACKAGES.join(', ')} for the cross-browser subset.`);
  aptInstall(ENGINE_PACKAGES);
}
for (const engine of absentEngines())
  console.log(`SKIPPING the cross-browser subset in ${engine}: ${findEngine(engine).reason}`);

if (run('npm', ['run', '--silent', 'typecheck']) !== 0) process.exit(1);
// Lint before the browser: a boundary or promise-handling violation fails the run.
if (run('npm', ['run', '--silent', 'lint']) !== 0) process.exit(1);
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)]));
