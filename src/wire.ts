// `imagespec/wire`: the contract between the uploader and a receiver, importable from Node with
// no DOM types (a receiver, a test, another language's port).
export { IDEMPOTENCY_HEADER, MANIFEST_FIELD, MANIFEST_VERSION, RECEIPT_HEADER } from './shared/wire.ts';
export type {
  ManifestSource,
  ManifestVersion,
  StoredVersion,
  UploadErrorBody,
  UploadManifest,
  UploadReceipt,
} from './shared/wire.ts';
