// The wire contract between the uploader and a receiver, as types only: imagespec/server
// (server/) imports them too, so the two sides cannot drift apart.

/** Bumped when the manifest's shape changes incompatibly; receivers refuse versions they do not know. */
export const MANIFEST_VERSION = 1;

/** The header that carries the upload id, so that a repeated upload is recognised and stored once. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** tus: the header of a finished upload's answer (last PATCH, or HEAD) that names where its version is stored (JSON of `StoredVersion`). */
export const RECEIPT_HEADER = 'Upload-Receipt';

/** The multipart field that carries the manifest; it comes before every file part. */
export const MANIFEST_FIELD = 'manifest';

/** One version of the image as the manifest describes it. */
export interface ManifestVersion {
  /** The multipart field name (multipart), tus metadata `version` (tus) or object key suffix (presigned). */
  part: string;
  /** MIME type, which the receiver checks against the part's magic bytes. */
  type: string;
  width: number;
  height: number;
  bytes: number;
  /** Lower-case hex SHA-256 of the version's bytes. */
  sha256: string;
  /** The spec's fingerprint; empty for an original. */
  fingerprint: string;
}

/** What the source file was. */
export interface ManifestSource {
  name: string;
  type: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

/** Describes one upload: the source and every version, sent with (or before) the bytes. */
export interface UploadManifest {
  /** `MANIFEST_VERSION` of the client that sent it; receivers refuse versions they do not know. */
  manifestVersion: number;
  /** Derived from the source's SHA-256 and the versions' fingerprints: equal inputs, equal id. */
  uploadId: string;
  source: ManifestSource;
  /** By version name (`thumbnail`, `display`, `original`, ...). */
  versions: Record<string, ManifestVersion>;
}

/** Where the receiver put one version. */
export interface StoredVersion {
  /** A name the receiver generated; never derived from what the client sent. */
  key: string;
  bytes: number;
  sha256: string;
  type: string;
  /** Where the stored file can be fetched, when the receiver serves it. */
  url?: string;
}

/** The receiver's answer to a complete upload (201, or 200 when replayed). */
export interface UploadReceipt {
  uploadId: string;
  versions: Record<string, StoredVersion>;
}

/** The JSON body of an error answer. */
export interface UploadErrorBody {
  error: string;
  message: string;
}
