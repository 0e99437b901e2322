// A virtual X display for browsers that have no headless mode (WebKitGTK's MiniBrowser).
import { spawn, type ChildProcess } from 'node:child_process';

export interface VirtualDisplay {
  /** The value for `DISPLAY`, e.g. `:1`. */
  display: string;
  stop(): Promise<void>;
}

/**
 * Starts Xvfb on the first free display number: Xvfb picks it itself and writes it to the
 * file descriptor given with `-displayfd`, so two test runs on one machine never collide.
 */
export function startXvfb(executable = 'Xvfb', timeout = 10_000): Promise<VirtualDisplay> {
  const xvfb = spawn(executable, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  xvfb.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (error: Error) => {
      clearTimeout(timer);
      xvfb.kill();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`Xvfb did not report a display within ${timeout} ms`)), timeout);
    const onExit = (code: number | null) => fail(new Error(`Xvfb exited with ${code}: ${stderr.trim()}`));
    xvfb.once('error', fail);
    xvfb.once('exit', onExit);
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('\n')) return;
      clearTimeout(timer);
      xvfb.off('exit', onExit);
      resolve({ display: `:${output.trim()}`, stop: () => stopProcess(xvfb) });
    });
  });
}

/** Terminates a child process and waits for it to exit. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
