// Starts receiver-process.ts as a child `node` process (TypeScript through ts-loader.mjs) and
// waits until it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ReceiverLimits } from '../../server/index.ts';

const support = import.meta.dirname;

/** Where a process can be killed while it stores an upload, in the order the steps happen. */
export const CRASH_POINTS = [
  'before-begin',
  'after-begin',
  'after-put-1',
  'after-put-2',
  'after-put-3',
  'after-mark-stored',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export interface ReceiverProcessConfig {
  dir: string;
  ledger: 'file' | 'sqlite';
  port?: number;
  /** Kills the process at this point of storing the upload with this id, the first time only. */
  crashes?: Record<string, CrashPoint>;
  limits?: ReceiverLimits;
}

export interface ChildReceiver {
  port: number;
  origin: string;
  process: ChildProcess;
  /** Resolves when the process ends: its exit code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it wrote to stderr. */
  errors(): string;
  /** Ends it (SIGTERM) and waits. */
  stop(): Promise<void>;
}

export function spawnReceiver(config: ReceiverProcessConfig): Promise<ChildReceiver> {
  const child = spawn(
    process.execPath,
    ['--import', join(support, 'ts-loader.mjs'), join(support, 'receiver-process.ts'), JSON.stringify(config)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{"port"'));
      if (!line) return;
      const { port } = JSON.parse(line) as { port: number };
      resolve({
        port,
        origin: `http://127.0.0.1:${port}`,
        process: child,
        exited,
        errors: () => stderr,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`receiver exited (${code ?? signal}) before listening: ${stderr}`)),
    );
  });
}
