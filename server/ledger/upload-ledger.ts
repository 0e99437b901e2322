// The ledger: one record per upload (per identity and upload id), which is at once the
// idempotency record and the list of what is stored. Written ahead of the files: a record is
// begun (pending, with the keys its versions will have) before any file is put, and completed
// once every file is in place, so a crash at any point leaves nothing visible or everything, and
// a retry finds the same keys and finishes the job.
import type { ManifestSource } from '../../src/shared/wire.ts';

export type UploadTransport = 'multipart' | 'tus' | 'presigned';

/** `pending`: begun, not all files in place (invisible); `complete`: stored; `deleting`: being removed (invisible). */
export type UploadRecordState = 'pending' | 'complete' | 'deleting';

export interface VersionRecord {
  /** The generated key the version is stored under. */
  key: string;
  type: string;
  bytes: number;
  sha256: string;
  width: number;
  height: number;
  /** True once the file is in place. */
  stored: boolean;
}

export interface UploadRecord {
  /** The identity `authorize` gave the uploader. */
  owner: string;
  uploadId: string;
  /** SHA-256 of the checked manifest: the same key with another manifest is refused. */
  manifestSha256: string;
  transport: UploadTransport;
  state: UploadRecordState;
  /** Milliseconds since the epoch. */
  createdAt: number;
  completedAt: number | null;
  source: ManifestSource;
  versions: Record<string, VersionRecord>;
}

export interface RecordFilter {
  /** Only this identity's records. @default every identity */
  owner?: string;
  state?: UploadRecordState;
  /** Only records created before this time (ms since the epoch). */
  createdBefore?: number;
}

/**
 * Where the receiver keeps its records. Every method is atomic for one record; `begin` must be
 * atomic across every process that shares the ledger (a unique key on owner and upload id).
 */
export interface UploadLedger {
  get(owner: string, uploadId: string): Promise<UploadRecord | null>;
  /** Stores `record` unless one exists for its owner and upload id; answers the record now kept. */
  begin(record: UploadRecord): Promise<UploadRecord>;
  /** Marks versions stored; once all are, the record is complete (`completedAt = at`). Answers it. */
  markStored(owner: string, uploadId: string, versions: readonly string[], at: number): Promise<UploadRecord>;
  /** Makes a record invisible before its files are removed; null when there is none. */
  markDeleting(owner: string, uploadId: string): Promise<UploadRecord | null>;
  /** Forgets a record. */
  remove(owner: string, uploadId: string): Promise<void>;
  /** Records, newest first. */
  list(filter?: RecordFilter): Promise<UploadRecord[]>;
  /** Releases connections and files. */
  close?(): Promise<void>;
}

/** Applies `markStored` to a record: the one rule every ledger shares. */
export function withStored(record: UploadRecord, versions: readonly string[], at: number): UploadRecord {
  const next: UploadRecord = structuredClone(record);
  for (const name of versions) {
    const version = next.versions[name];
    if (!version) throw new Error(`ledger: version ${name} is not in upload ${record.uploadId}`);
    version.stored = true;
  }
  if (next.state === 'pending' && Object.values(next.versions).every((version) => version.stored)) {
    next.state = 'complete';
    next.completedAt = at;
  }
  return next;
}

/** Whether a record passes a filter. */
export function matches(record: UploadRecord, filter: RecordFilter): boolean {
  return (
    (filter.owner === undefined || record.owner === filter.owner) &&
    (filter.state === undefined || record.state === filter.state) &&
    (filter.createdBefore === undefined || record.createdAt < filter.createdBefore)
  );
}

/** Changes one record atomically (read, change, write); null when there is none. */
export type RecordUpdate = (
  owner: string,
  uploadId: string,
  change: (record: UploadRecord) => UploadRecord,
) => Promise<UploadRecord | null>;

/** The ledger methods that change a record, for a ledger that can update one atomically. */
export function recordChanges(update: RecordUpdate): Pick<UploadLedger, 'markStored' | 'markDeleting'> {
  return {
    async markStored(owner, uploadId, versions, at) {
      const next = await update(owner, uploadId, (record) => withStored(record, versions, at));
      if (!next) throw new Error(`ledger: no record for upload ${uploadId}`);
      return next;
    },
    markDeleting: (owner, uploadId) => update(owner, uploadId, (record) => ({ ...record, state: 'deleting' })),
  };
}
