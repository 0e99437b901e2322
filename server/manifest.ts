// The manifest as the receiver trusts it: parsed and checked field by field, with limits, before
// any byte of a version is accepted; rebuilt in a fixed order so that its hash binds an
// idempotency record to exactly this manifest.
import { createHash } from 'node:crypto';
import { MANIFEST_VERSION, type ManifestVersion, type UploadManifest } from '../src/shared/wire.ts';
import { quote, ReceiverError } from './errors.ts';
import { STORABLE_TYPES } from './storage/keys.ts';

const SHA256 = /^[0-9a-f]{64}$/;
/** Multipart field names: the uploader turns any other version name into `version-N` (wire contract). */
const PART_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * Version names are the site's spec names, any text: they travel only inside JSON and tus
 * metadata, never into a path or key. Bounded, and free of control characters (they reach logs
 * and error messages).
 */
const VERSION_NAME = /^[^\p{Cc}]{1,256}$/u;
/** Upload ids and Idempotency-Keys: the uploader's are hex; any opaque token of this shape is accepted. */
export const UPLOAD_ID = /^[A-Za-z0-9_.:-]{8,200}$/;

export interface ManifestLimits {
  maxPartBytes: number;
  maxVersions: number;
  maxBodyBytes: number;
}

/** A checked manifest and the SHA-256 of its canonical form. */
export interface CheckedManifest {
  manifest: UploadManifest;
  sha256: string;
}

function bad(message: string): ReceiverError {
  return new ReceiverError(400, 'BAD_MANIFEST', `invalid manifest: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `__proto__`, `constructor`, `toString`: names an object lookup would confuse with its prototype's. */
function isReserved(name: string): boolean {
  return name in Object.prototype || name === 'prototype';
}

function checkPartName(name: string, what: string): string {
  if (!PART_NAME.test(name)) throw bad(`${what} ${quote(name)} is not [A-Za-z0-9_-]{1,64}`);
  if (isReserved(name)) throw bad(`${what} ${quote(name)} is a reserved name`);
  return name;
}

function checkVersionName(name: string): string {
  if (!VERSION_NAME.test(name)) {
    throw bad(`version name ${quote(name)} is not 1 to 256 characters without control characters`);
  }
  if (isReserved(name)) throw bad(`version name ${quote(name)} is a reserved name`);
  return name;
}

function size(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 1_000_000) {
    throw bad(`${field} is not a size`);
  }
  return value as number;
}

function version(name: string, value: unknown, limits: ManifestLimits): ManifestVersion {
  if (!isRecord(value)) throw bad(`version ${name} is not an object`);
  const { part, type, bytes, sha256, fingerprint } = value;
  if (typeof part !== 'string') throw bad(`version ${name}: part is not a string`);
  if (typeof type !== 'string') throw bad(`version ${name}: type is missing`);
  if (!STORABLE_TYPES.has(type)) {
    throw new ReceiverError(415, 'UNSUPPORTED_TYPE', `unsupported type: version ${name} declares ${quote(type)}`);
  }
  if (!Number.isSafeInteger(bytes) || (bytes as number) < 1)
    throw bad(`version ${name}: bytes is not a positive integer`);
  if ((bytes as number) > limits.maxPartBytes) {
    throw new ReceiverError(
      413,
      'TOO_LARGE',
      `too large: version ${name} declares ${bytes as number} bytes, over the limit of ${limits.maxPartBytes}`,
    );
  }
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) throw bad(`version ${name}: sha256 is not lower-case hex`);
  if (typeof fingerprint !== 'string' || fingerprint.length > 128) {
    throw bad(`version ${name}: fingerprint is not a string of at most 128 characters`);
  }
  return {
    part: checkPartName(part, `version ${name}: part`),
    type,
    width: size(value['width'], `${name}.width`),
    height: size(value['height'], `${name}.height`),
    bytes: bytes as number,
    sha256,
    fingerprint,
  };
}

function source(value: unknown): UploadManifest['source'] {
  if (!isRecord(value)) throw bad('source is not an object');
  const { name, type, sha256, bytes } = value;
  if (typeof name !== 'string' || name.length > 1024)
    throw bad('source.name is not a string of at most 1024 characters');
  if (typeof type !== 'string' || type.length > 255) throw bad('source.type is not a string of at most 255 characters');
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) throw bad('source.sha256 is not lower-case hex');
  return {
    name,
    type,
    width: size(value['width'], 'source.width'),
    height: size(value['height'], 'source.height'),
    bytes: Number.isSafeInteger(bytes) && (bytes as number) >= 0 ? (bytes as number) : 0,
    sha256,
  };
}

/** Checks a parsed manifest; throws a `ReceiverError` (400, 413 or 415) naming the first fault. */
export function checkManifest(data: unknown, limits: ManifestLimits): CheckedManifest {
  if (!isRecord(data)) throw bad('not an object');
  if (data['manifestVersion'] !== MANIFEST_VERSION) throw bad(`manifestVersion is not ${MANIFEST_VERSION}`);
  const { uploadId, versions } = data;
  if (typeof uploadId !== 'string' || !UPLOAD_ID.test(uploadId)) throw bad('uploadId is not a token');
  if (!isRecord(versions)) throw bad('versions is not an object');
  const names = Object.keys(versions).sort();
  if (names.length === 0 || names.length > limits.maxVersions) {
    throw new ReceiverError(
      names.length === 0 ? 400 : 413,
      names.length === 0 ? 'BAD_MANIFEST' : 'TOO_MANY_PARTS',
      `${names.length === 0 ? 'invalid manifest' : 'too many parts'}: between 1 and ${limits.maxVersions} versions expected, got ${names.length}`,
    );
  }
  const checked: Record<string, ManifestVersion> = {};
  const parts = new Set<string>();
  for (const name of names) {
    const entry = version(checkVersionName(name), versions[name], limits);
    if (parts.has(entry.part)) throw bad(`part ${entry.part} is named twice`);
    parts.add(entry.part);
    checked[name] = entry;
  }
  const declared = Object.values(checked).reduce((sum, entry) => sum + entry.bytes, 0);
  if (declared > limits.maxBodyBytes) {
    throw new ReceiverError(
      413,
      'TOO_LARGE',
      `too large: the versions declare ${declared} bytes, over the limit of ${limits.maxBodyBytes}`,
    );
  }
  const manifest: UploadManifest = {
    manifestVersion: MANIFEST_VERSION,
    uploadId,
    source: source(data['source']),
    versions: checked,
  };
  return { manifest, sha256: createHash('sha256').update(JSON.stringify(manifest)).digest('hex') };
}

/** Parses and checks manifest text. */
export function parseManifest(text: string, limits: ManifestLimits): CheckedManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  return checkManifest(data, limits);
}

/** The sum of the bytes a manifest's versions declare. */
export function declaredBytes(manifest: UploadManifest): number {
  return Object.values(manifest.versions).reduce((sum, entry) => sum + entry.bytes, 0);
}
