// Storing an upload exactly once, the same way for every transport: begin the record (pending,
// keys chosen) before any file is put; put each checked file at its key (atomic, and the same
// bytes again on a retry); then mark the versions stored, which completes the record. A crash
// between any two steps leaves a pending record that nobody sees, and the retry finds the same
// keys and finishes it.
import type { StoredVersion, UploadReceipt } from '../src/shared/wire.ts';
import { ReceiverError } from './errors.ts';
import type { LocalFile } from './files/temp-file.ts';
import type { UploadRecord, UploadTransport } from './ledger/upload-ledger.ts';
import type { CheckedManifest } from './manifest.ts';
import type { ResolvedReceiverOptions } from './options.ts';
import { generateKey } from './storage/keys.ts';

export function newRecord(
  owner: string,
  checked: CheckedManifest,
  transport: UploadTransport,
  now: number,
): UploadRecord {
  const { manifest } = checked;
  return {
    owner,
    uploadId: manifest.uploadId,
    manifestSha256: checked.sha256,
    transport,
    state: 'pending',
    createdAt: now,
    completedAt: null,
    source: manifest.source,
    versions: Object.fromEntries(
      Object.entries(manifest.versions).map(([name, version]) => [
        name,
        {
          key: generateKey(version.type),
          type: version.type,
          bytes: version.bytes,
          sha256: version.sha256,
          width: version.width,
          height: version.height,
          stored: false,
        },
      ]),
    ),
  };
}

/** Throws 409 unless `record` is this manifest's (a key may never be reused for other bytes). */
export function checkSameUpload(record: UploadRecord, checked: CheckedManifest): void {
  if (record.manifestSha256 !== checked.sha256) {
    throw new ReceiverError(
      409,
      'KEY_REUSED',
      `key reused: upload ${record.uploadId} was begun with another manifest (SHA-256 ${record.manifestSha256})`,
    );
  }
  if (record.state === 'deleting') {
    throw new ReceiverError(409, 'KEY_REUSED', `key reused: upload ${record.uploadId} is being deleted`, {
      'Retry-After': '1',
    });
  }
}

/** Begins (or finds) the record of this manifest. */
export async function beginUpload(
  options: ResolvedReceiverOptions,
  owner: string,
  checked: CheckedManifest,
  transport: UploadTransport,
): Promise<UploadRecord> {
  const record = await options.ledger.begin(newRecord(owner, checked, transport, options.now()));
  checkSameUpload(record, checked);
  return record;
}

/** Puts every file not stored yet at its key, then marks them stored. */
export async function storeVersions(
  options: ResolvedReceiverOptions,
  record: UploadRecord,
  files: ReadonlyMap<string, LocalFile>,
): Promise<UploadRecord> {
  for (const [name, file] of files) {
    const version = record.versions[name]!;
    if (!version.stored) await options.storage.put(version.key, { ...file, type: version.type });
  }
  return options.ledger.markStored(record.owner, record.uploadId, [...files.keys()], options.now());
}

/** Where one stored version is, as the client's receipt names it. */
export function storedVersionOf(record: UploadRecord, name: string, basePath: string): StoredVersion {
  const { key, bytes, sha256, type } = record.versions[name]!;
  return { key, bytes, sha256, type, url: `${basePath}/${key}` };
}

export function receiptOf(record: UploadRecord, basePath: string): UploadReceipt {
  const versions: Record<string, StoredVersion> = {};
  for (const name of Object.keys(record.versions)) versions[name] = storedVersionOf(record, name, basePath);
  return { uploadId: record.uploadId, versions };
}
