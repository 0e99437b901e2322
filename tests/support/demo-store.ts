// What the demo's receiver holds, read from its folder and its listing, checked for consistency:
// every stored version has exactly one file, every file belongs to exactly one version, each
// file's bytes hash to what the ledger recorded, and the listing names the same uploads.
import { expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UploadRecord } from '../../server/index.ts';

type LedgerVersion = UploadRecord['versions'][string];

export interface StoredUpload {
  uploadId: string;
  sourceName: string;
  sourceSha256: string;
  versions: Record<string, LedgerVersion>;
}

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
}

/** The complete uploads of the receiver in `uploadDir` (served at `baseUrl`), after checking disk, ledger and listing agree. */
export async function storedState(uploadDir: string, baseUrl: string): Promise<StoredUpload[]> {
  const records = filesIn(join(uploadDir, 'ledger'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(uploadDir, 'ledger', name), 'utf8')) as UploadRecord);
  expect(records.map((record) => record.state).filter((state) => state !== 'complete')).toEqual([]);

  const keys = records.flatMap((record) => Object.values(record.versions).map((version) => version.key));
  const files = filesIn(join(uploadDir, 'files')).map((name) => `files/${name}`);
  expect(new Set(keys).size, 'every version has a key of its own').toBe(keys.length);
  expect(files.sort(), 'the files on disk are exactly the versions of the ledger').toEqual([...keys].sort());
  for (const version of records.flatMap((record) => Object.values(record.versions))) {
    const bytes = readFileSync(join(uploadDir, version.key));
    expect(bytes.length).toBe(version.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(version.sha256);
  }

  const listing = (await (await fetch(`${baseUrl}/api/uploads`)).json()) as { uploads: Array<{ uploadId: string }> };
  expect(listing.uploads.map((upload) => upload.uploadId).sort()).toEqual(
    records.map((record) => record.uploadId).sort(),
  );
  return records.map((record) => ({
    uploadId: record.uploadId,
    sourceName: record.source.name,
    sourceSha256: record.source.sha256,
    versions: record.versions,
  }));
}
