// A ledger in SQLite (better-sqlite3, loaded on first use): one row per record, in WAL mode with
// a busy timeout, so several receiver processes on one machine share it. `begin` is an INSERT
// that does nothing on conflict; updates run in IMMEDIATE transactions (read, change, write
// with the write lock held), so two processes never lose each other's changes.
import type { Database } from 'better-sqlite3';
import { recordChanges, type RecordFilter, type UploadLedger, type UploadRecord } from './upload-ledger.ts';

export interface SqliteLedgerOptions {
  /** The database file (created when missing). */
  path: string;
  /** The table. @default 'imagespec_uploads' */
  table?: string;
  /** How long a statement waits for another process's write lock, in milliseconds. @default 5000 */
  busyTimeoutMs?: number;
}

interface Row {
  record: string;
}

/**
 * Keeps records in a SQLite database that several receiver processes may share.
 *
 * @example
 * createReceiver({ dir: '/var/lib/uploads', ledger: createSqliteLedger({ path: '/var/lib/uploads/ledger.db' }) });
 */
export function createSqliteLedger(options: SqliteLedgerOptions): UploadLedger {
  const table = options.table ?? 'imagespec_uploads';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) throw new TypeError(`invalid table name: ${table}`);
  let opened: Promise<Database> | undefined;
  const db = () => {
    opened ??= import('better-sqlite3').then(({ default: open }) => {
      const database = open(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = FULL');
      database.exec(`CREATE TABLE IF NOT EXISTS ${table} (
        owner TEXT NOT NULL,
        upload_id TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (owner, upload_id)
      )`);
      database.exec(`CREATE INDEX IF NOT EXISTS ${table}_state ON ${table} (state, created_at)`);
      return database;
    });
    return opened;
  };

  const parse = (row: Row | undefined) => (row ? (JSON.parse(row.record) as UploadRecord) : null);

  async function update(
    owner: string,
    uploadId: string,
    change: (record: UploadRecord) => UploadRecord,
  ): Promise<UploadRecord | null> {
    const database = await db();
    const select = database.prepare<[string, string], Row>(
      `SELECT record FROM ${table} WHERE owner = ? AND upload_id = ?`,
    );
    const write = database.prepare(`UPDATE ${table} SET state = ?, record = ? WHERE owner = ? AND upload_id = ?`);
    return database
      .transaction(() => {
        const record = parse(select.get(owner, uploadId));
        if (!record) return null;
        const next = change(record);
        write.run(next.state, JSON.stringify(next), owner, uploadId);
        return next;
      })
      .immediate();
  }

  return {
    async get(owner, uploadId) {
      const database = await db();
      return parse(
        database
          .prepare<[string, string], Row>(`SELECT record FROM ${table} WHERE owner = ? AND upload_id = ?`)
          .get(owner, uploadId),
      );
    },
    async begin(record) {
      const database = await db();
      const insert = database.prepare(
        `INSERT INTO ${table} (owner, upload_id, state, created_at, record) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      );
      const select = database.prepare<[string, string], Row>(
        `SELECT record FROM ${table} WHERE owner = ? AND upload_id = ?`,
      );
      return database
        .transaction(() => {
          insert.run(record.owner, record.uploadId, record.state, record.createdAt, JSON.stringify(record));
          return parse(select.get(record.owner, record.uploadId))!;
        })
        .immediate();
    },
    ...recordChanges(update),
    async remove(owner, uploadId) {
      (await db()).prepare(`DELETE FROM ${table} WHERE owner = ? AND upload_id = ?`).run(owner, uploadId);
    },
    async list(filter: RecordFilter = {}) {
      const conditions: Array<[string, string | number | undefined]> = [
        ['owner = ?', filter.owner],
        ['state = ?', filter.state],
        ['created_at < ?', filter.createdBefore],
      ];
      const used = conditions.filter(([, value]) => value !== undefined);
      const where = used.length === 0 ? '' : `WHERE ${used.map(([condition]) => condition).join(' AND ')}`;
      const rows = (await db())
        .prepare<Array<string | number>, Row>(`SELECT record FROM ${table} ${where} ORDER BY created_at DESC`)
        .all(...used.map(([, value]) => value!));
      return rows.map((row) => parse(row)!);
    },
    async close() {
      if (opened) (await opened).close();
      opened = undefined;
    },
  };
}
