// imagespec/server in a process of its own, for the tests that kill it (a crash between two
// storage steps, a restart in the middle of a soak) and for several processes sharing a ledger.
// Started by child-receiver.ts with its settings as JSON in argv[2]; prints {"port":N} when up.
// `crashes` kills the process (SIGKILL: no cleanup runs) at a step of storing a given upload, once:
// a marker file left just before says so to the restarted process.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createDiskStorage,
  createFileLedger,
  createReceiverServer,
  createSqliteLedger,
  type UploadLedger,
  type UploadStorage,
} from '../../server/index.ts';
import type { ReceiverProcessConfig } from './child-receiver.ts';

/** The upload being stored (the tests send one at a time) and how many of its files were put. */
const current = { uploadId: '', puts: 0 };

function crashingStorage(storage: UploadStorage, crash: (point: string) => void): UploadStorage {
  return {
    ...storage,
    put: async (key, file) => {
      await storage.put(key, file);
      crash(`after-put-${++current.puts}`);
    },
  };
}

function crashingLedger(ledger: UploadLedger, crash: (point: string) => void): UploadLedger {
  return {
    ...ledger,
    begin: async (record) => {
      current.uploadId = record.uploadId;
      current.puts = 0;
      crash('before-begin');
      const begun = await ledger.begin(record);
      crash('after-begin');
      return begun;
    },
    markStored: async (...args) => {
      const stored = await ledger.markStored(...args);
      crash('after-mark-stored');
      return stored;
    },
  };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as ReceiverProcessConfig;
  // Any uncaught exception is a receiver bug: exit with a code the test recognises.
  const fail = (error: unknown) => {
    console.error('UNCAUGHT', error);
    process.exit(99);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  const crash = (point: string) => {
    if (config.crashes?.[current.uploadId] !== point) return;
    const marker = join(config.dir, `crashed-${current.uploadId}`);
    if (existsSync(marker)) return;
    writeFileSync(marker, point);
    process.kill(process.pid, 'SIGKILL');
  };
  const ledger =
    config.ledger === 'sqlite'
      ? createSqliteLedger({ path: join(config.dir, 'ledger.db') })
      : createFileLedger({ dir: join(config.dir, 'ledger') });
  const { server } = createReceiverServer({
    dir: config.dir,
    storage: crashingStorage(createDiskStorage({ dir: config.dir }), crash),
    ledger: crashingLedger(ledger, crash),
    // One user who may do everything: these tests are about crashes, not access.
    authorize: () => 'alice',
    ...(config.limits ? { limits: config.limits } : {}),
  });
  server.listen(config.port ?? 0, '127.0.0.1', () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
  });
}

void main();
