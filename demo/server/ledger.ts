// The ledger: one JSON line per stored version, appended after the file is in place. Tests read
// it to check that every version was stored exactly once and byte-identical.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type Transport = 'multipart' | 'tus' | 'presigned';

export interface LedgerEntry {
  at: string;
  transport: Transport;
  uploadId: string;
  version: string;
  /** Path of the stored file relative to the storage folder (or the object key, for presigned). */
  key: string;
  bytes: number;
  sha256: string;
  type: string;
  /** The source file's name as the client sent it: data, never a path. */
  sourceName: string;
}

export function ledgerPath(dir: string): string {
  return join(dir, 'ledger.jsonl');
}

/** A single appendFile of one line under 4 KiB: writes from concurrent requests never interleave. */
export async function appendLedger(dir: string, entries: LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await appendFile(ledgerPath(dir), entries.map((entry) => JSON.stringify(entry) + '\n').join(''));
}

export async function readLedger(dir: string): Promise<LedgerEntry[]> {
  const text = await readFile(ledgerPath(dir), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LedgerEntry);
}
