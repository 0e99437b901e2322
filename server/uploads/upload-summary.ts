// What the uploads routes answer about one stored upload: its versions with keys, sizes, types
// and URLs, its source, and when it was stored. Never the owner.
import type { ManifestSource } from '../../src/shared/wire.ts';
import type { UploadRecord, UploadTransport, VersionRecord } from '../ledger/upload-ledger.ts';

export interface VersionSummary extends Omit<VersionRecord, 'stored'> {
  /** Where the receiver serves it. */
  url: string;
}

export interface UploadSummary {
  uploadId: string;
  transport: UploadTransport;
  /** ISO 8601. */
  createdAt: string;
  completedAt: string | null;
  source: ManifestSource;
  versions: Record<string, VersionSummary>;
}

export function summarize(record: UploadRecord, basePath: string): UploadSummary {
  const versions: Record<string, VersionSummary> = {};
  for (const [name, { key, type, bytes, sha256, width, height }] of Object.entries(record.versions)) {
    versions[name] = { key, type, bytes, sha256, width, height, url: `${basePath}/${key}` };
  }
  return {
    uploadId: record.uploadId,
    transport: record.transport,
    createdAt: new Date(record.createdAt).toISOString(),
    completedAt: record.completedAt === null ? null : new Date(record.completedAt).toISOString(),
    source: record.source,
    versions,
  };
}
