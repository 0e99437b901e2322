// The default ledger: one JSON file per record, replaced whole (temp file, then rename). A record
// is begun with link(2), which fails when the file exists: two processes cannot both begin one.
// Updates are serialised in this process only, so one receiver process per folder; several
// processes share createSqliteLedger (or a ledger on your database).
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { matches, recordChanges, type UploadLedger, type UploadRecord } from './upload-ledger.ts';

export interface FileLedgerOptions {
  /** The folder records are kept in. */
  dir: string;
}

/** Writes a file and flushes it to disk, so a rename never exposes a torn record. */
async function writeDurably(path: string, text: string): Promise<void> {
  const file = await open(path, 'wx');
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Keeps records as files under `dir`.
 *
 * @example
 * createReceiver({ dir: '/var/lib/uploads', ledger: createFileLedger({ dir: '/var/lib/uploads/ledger' }) });
 */
export function createFileLedger(options: FileLedgerOptions): UploadLedger {
  const { dir } = options;
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => (ready ??= mkdir(dir, { recursive: true }));
  // The owner is hashed in with the id: neither becomes part of a path.
  const pathOf = (owner: string, uploadId: string) =>
    join(dir, `${createHash('sha256').update(`${owner}\n${uploadId}`).digest('hex')}.json`);
  const temporary = () => join(dir, `.${randomUUID()}.tmp`);
  const updates = new Map<string, Promise<unknown>>();

  async function read(path: string): Promise<UploadRecord | null> {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as UploadRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Runs read-modify-write updates of one record one after the other. */
  function update(
    owner: string,
    uploadId: string,
    change: (record: UploadRecord) => UploadRecord,
  ): Promise<UploadRecord | null> {
    const path = pathOf(owner, uploadId);
    const run = (updates.get(path) ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        await ensureDir();
        const record = await read(path);
        if (!record) return null;
        const next = change(record);
        if (!next) return record;
        const temp = temporary();
        await writeDurably(temp, JSON.stringify(next));
        await rename(temp, path);
        return next;
      });
    updates.set(path, run);
    void run
      .finally(() => {
        if (updates.get(path) === run) updates.delete(path);
      })
      .catch(() => undefined);
    return run;
  }

  return {
    async get(owner, uploadId) {
      return read(pathOf(owner, uploadId));
    },
    async begin(record) {
      await ensureDir();
      const path = pathOf(record.owner, record.uploadId);
      const temp = temporary();
      await writeDurably(temp, JSON.stringify(record));
      try {
        await link(temp, path);
        return record;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const existing = await read(path);
        if (!existing) throw new Error(`ledger: record ${record.uploadId} vanished while it was begun`);
        return existing;
      } finally {
        await rm(temp, { force: true });
      }
    },
    ...recordChanges(update),
    async remove(owner, uploadId) {
      await rm(pathOf(owner, uploadId), { force: true });
    },
    async list(filter = {}) {
      await ensureDir();
      const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
      const records = await Promise.all(names.map((name) => read(join(dir, name))));
      return records
        .filter((record): record is UploadRecord => record !== null && matches(record, filter))
        .sort((a, b) => b.createdAt - a.createdAt);
    },
  };
}
