// `npm test`: makes sure a Chromium exists (installing one where none is found), type-checks,
// lints (ESLint + Prettier), then runs Playwright with the arguments given. (The consumer tests build the library themselves.)
import { spawnSync } from 'node:child_process';
import { findChromium } from './support/chromium.mjs';

function run(command, args) {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  return status ?? 1;
}

if (!findChromium()) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (isRoot && hasApt) {
    console.log("No Chromium found: installing Debian's chromium package.");
    run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
  } else {
    console.log("No Chromium found: installing Playwright's.");
    run('npx', ['playwright', 'install', 'chromium']);
  }
  if (!findChromium()) {
    console.error('Could not install Chromium. Set CHROMIUM_PATH to a Chromium or Chrome binary.');
    process.exit(1);
  }
}

if (run('npm', ['run', '--silent', 'typecheck']) !== 0) process.exit(1);
// Lint before the browser: a boundary or promise-handling violation fails the run.
if (run('npm', ['run', '--silent', 'lint']) !== 0) process.exit(1);
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)]));
