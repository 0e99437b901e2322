// `imagespec/server`: the Node receiver. Re-exports only; what is not here is private.
export { createReceiver } from './receiver.ts';
export type { Next, Receiver } from './receiver.ts';
export { createReceiverServer } from './server.ts';
export type { ReceiverServer, ReceiverServerOptions } from './server.ts';
export { DEFAULT_LIMITS } from './options.ts';
export type { ReceiverLimits, ReceiverOptions } from './options.ts';
export { ANONYMOUS, defaultAuthorize } from './access.ts';
export type { AccessRequest, Authorize, ReceiverAction } from './access.ts';
export type { CorsOptions } from './http/cors.ts';
export { RECEIVER_ERROR_CODES, ReceiverError } from './errors.ts';
export type { ReceiverErrorCode } from './errors.ts';

export { createDiskStorage } from './storage/disk-storage.ts';
export type { DiskStorageOptions } from './storage/disk-storage.ts';
export { createS3Storage } from './storage/s3-storage.ts';
export type { S3StorageOptions } from './storage/s3-storage.ts';
export type { SignedPut, SignPutRequest, StoredObject, UploadStorage } from './storage/upload-storage.ts';
export type { LocalFile } from './files/temp-file.ts';

export { createFileLedger } from './ledger/file-ledger.ts';
export type { FileLedgerOptions } from './ledger/file-ledger.ts';
export { createSqliteLedger } from './ledger/sqlite-ledger.ts';
export type { SqliteLedgerOptions } from './ledger/sqlite-ledger.ts';
export { withStored } from './ledger/upload-ledger.ts';
export type {
  RecordFilter,
  UploadLedger,
  UploadRecord,
  UploadRecordState,
  UploadTransport,
  VersionRecord,
} from './ledger/upload-ledger.ts';
export type { UploadSummary, VersionSummary } from './uploads/upload-summary.ts';
