// A receipt is trusted only once checked: it must name every version of the manifest, each
// with a key and the very SHA-256 and byte count that were sent. Anything less and the job is
// kept (failed with BAD_RECEIPT), because deleting it would lose the only copy of what the
// server may not have stored.
import { UploadError } from '../shared/errors/upload-error.ts';
import type { StoredVersion, UploadManifest, UploadReceipt } from '../shared/wire.ts';

function bad(uploadId: string, why: string): UploadError {
  return new UploadError('BAD_RECEIPT', `bad receipt: upload ${uploadId} ${why}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the receipt when it accounts for every version sent; throws `BAD_RECEIPT` otherwise. */
export function checkReceipt(manifest: UploadManifest, value: unknown): UploadReceipt {
  const { uploadId } = manifest;
  if (!isRecord(value)) throw bad(uploadId, 'got no receipt object');
  if (value['uploadId'] !== uploadId) throw bad(uploadId, `names upload ${JSON.stringify(value['uploadId'])}`);
  const versions = value['versions'];
  if (!isRecord(versions)) throw bad(uploadId, 'names no versions');
  const checked: Record<string, StoredVersion> = {};
  for (const [name, sent] of Object.entries(manifest.versions)) {
    const stored = Object.hasOwn(versions, name) ? versions[name] : undefined;
    if (!isRecord(stored)) throw bad(uploadId, `does not name version ${name}`);
    const { key, sha256, bytes, type, url } = stored;
    if (typeof key !== 'string' || key === '') throw bad(uploadId, `names no key for version ${name}`);
    if (sha256 !== sent.sha256) {
      throw bad(uploadId, `names version ${name} with SHA-256 ${String(sha256)}, not the ${sent.sha256} sent`);
    }
    if (bytes !== sent.bytes)
      throw bad(uploadId, `names version ${name} with ${String(bytes)} bytes, not the ${sent.bytes} sent`);
    checked[name] = {
      key,
      sha256: sent.sha256,
      bytes: sent.bytes,
      type: typeof type === 'string' ? type : sent.type,
      ...(typeof url === 'string' ? { url } : {}),
    };
  }
  return { uploadId, versions: checked };
}
