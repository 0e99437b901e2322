// Expiry: what was begun and never finished is removed after `expireAfterMs` (pending records with
// the files already put, tus uploads, temp files of requests that died with the process), and
// deletions a crash interrupted are finished.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { uploadLockKey, type ReceiverContext } from './context.ts';
import type { TusEndpoint } from './tus/tus-endpoint.ts';
import { removeUpload } from './uploads/uploads-routes.ts';

async function sweepTempFiles(dir: string, before: number): Promise<void> {
  const names = await readdir(dir).catch(() => []);
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (info && info.mtimeMs < before) await rm(join(dir, name), { force: true });
  }
}

export async function sweepExpired(context: ReceiverContext, tus: TusEndpoint | null): Promise<void> {
  const { options } = context;
  const now = options.now();
  const expired = now - options.limits.expireAfterMs;
  const records = [
    ...(await options.ledger.list({ state: 'pending', createdBefore: expired })),
    ...(await options.ledger.list({ state: 'deleting' })),
  ];
  const controller = new AbortController();
  for (const record of records) {
    // Under the upload's lock: a request finishing it right now wins, and the sweep looks again.
    try {
      const lease = await context.locks.acquire(uploadLockKey(record.owner, record.uploadId), controller.signal);
      try {
        const current = await options.ledger.get(record.owner, record.uploadId);
        if (current && current.state !== 'complete') await removeUpload(context, current);
      } finally {
        lease.release();
      }
    } catch (error) {
      // One record that cannot be removed now must not stop the others: the next sweep tries again.
      options.onError(error);
    }
  }
  await tus?.sweep(expired);
  // A temp file lives no longer than its request.
  await sweepTempFiles(options.tempDir, now - options.limits.requestTimeoutMs);
}
