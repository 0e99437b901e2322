// Turns a processImage result into what goes on the wire: the manifest (with a SHA-256 per
// version) and the version blobs by name.
import { canonicalJson, sha256Hex } from '../shared/fingerprint.ts';
import { blobSha256 } from '../shared/known-hashes.ts';
import type { SourceImage, Variant } from '../shared/variant.ts';
import { UploadError } from '../shared/errors/upload-error.ts';
import { sourceConfirmed } from '../shared/source-confirmation.ts';
import { MANIFEST_VERSION, type ManifestVersion, type UploadManifest } from '../shared/wire.ts';

const PART_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What the uploader takes: a `processImage` result, or anything of its shape. Only the versions
 * in `variants` go; a lazy version is uploaded once it was produced and put there.
 */
export interface UploadInput {
  source: Pick<SourceImage, 'name' | 'width' | 'height' | 'bytes' | 'sha256'> & { type: string };
  variants: Record<string, Pick<Variant, 'blob' | 'width' | 'height' | 'type' | 'fingerprint'>>;
}

/** A version's bytes ready to send, with the manifest entry that describes them. */
export interface PreparedUpload {
  manifest: UploadManifest;
  blobs: Record<string, Blob>;
}

/**
 * The upload id: the source's hash and, per version, its name and what made it (the spec
 * fingerprint, or the bytes' own hash for an original). The same photo with the same specs
 * always gets the same id, on any machine, so a receiver recognises a repeat.
 */
export function uploadIdOf(sourceSha256: string, versions: Record<string, ManifestVersion>): Promise<string> {
  const made = Object.keys(versions)
    .sort()
    .map((name) => [name, versions[name]!.fingerprint || `original:${versions[name]!.sha256}`]);
  return sha256Hex(canonicalJson({ source: sourceSha256, versions: made }));
}

/** Builds the manifest; hashes every version (originals included: the receiver checks them all). */
export async function prepareUpload(result: UploadInput): Promise<PreparedUpload> {
  // A result served from the cache before its file was hashed goes only once the hash matched.
  await sourceConfirmed(result.source).catch((error: unknown) => {
    throw new UploadError('INVALID_INPUT', `invalid upload: ${(error as Error).message}`, { cause: error });
  });
  const names = Object.keys(result.variants);
  if (names.length === 0) throw new UploadError('INVALID_INPUT', 'invalid upload: the result has no versions');
  const versions: Record<string, ManifestVersion> = {};
  const blobs: Record<string, Blob> = {};
  for (const [index, name] of names.entries()) {
    const variant = result.variants[name]!;
    if (variant.blob.size === 0) throw new UploadError('INVALID_INPUT', `invalid upload: version ${name} has no bytes`);
    versions[name] = {
      // Spec names are the site's own; a part name must survive any multipart parser.
      part: PART_NAME.test(name) ? name : `version-${index}`,
      type: variant.type,
      width: variant.width,
      height: variant.height,
      bytes: variant.blob.size,
      sha256: await blobSha256(variant.blob),
      fingerprint: variant.fingerprint,
    };
    blobs[name] = variant.blob;
  }
  const { source } = result;
  const manifest: UploadManifest = {
    manifestVersion: MANIFEST_VERSION,
    uploadId: await uploadIdOf(source.sha256, versions),
    source: {
      name: source.name,
      type: source.type,
      width: source.width,
      height: source.height,
      bytes: source.bytes,
      sha256: source.sha256,
    },
    versions,
  };
  return { manifest, blobs };
}
