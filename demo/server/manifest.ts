// The manifest as the receiver trusts it: parsed and checked field by field, with limits,
// before any file part is accepted.
import { MANIFEST_VERSION, type ManifestVersion, type UploadManifest } from '../../src/shared/wire.ts';
import { HttpError } from './http.ts';
import { STORABLE_TYPES } from './storage.ts';

const SHA256 = /^[0-9a-f]{64}$/;
const PART_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_VERSIONS = 16;

function bad(message: string): HttpError {
  return new HttpError(400, 'BAD_MANIFEST', `invalid manifest: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dimension(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 1_000_000)
    throw bad(`${field} is not a size`);
  return value as number;
}

function version(name: string, value: unknown, maxPartBytes: number): ManifestVersion {
  if (!PART_NAME.test(name)) throw bad(`version name ${JSON.stringify(name.slice(0, 80))} is not [A-Za-z0-9_-]{1,64}`);
  if (!isRecord(value)) throw bad(`version ${name} is not an object`);
  const { part, type, width, height, bytes, sha256, fingerprint } = value;
  if (typeof part !== 'string' || !PART_NAME.test(part)) throw bad(`version ${name}: part is not [A-Za-z0-9_-]{1,64}`);
  if (typeof type !== 'string') throw bad(`version ${name}: type is missing`);
  if (!STORABLE_TYPES.has(type))
    throw new HttpError(415, 'UNSUPPORTED_TYPE', `unsupported type: version ${name} declares ${type.slice(0, 80)}`);
  if (!Number.isInteger(bytes) || (bytes as number) < 1) throw bad(`version ${name}: bytes is not a positive integer`);
  if ((bytes as number) > maxPartBytes) {
    throw new HttpError(
      413,
      'TOO_LARGE',
      `too large: version ${name} declares ${bytes as number} bytes, over the limit of ${maxPartBytes}`,
    );
  }
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) throw bad(`version ${name}: sha256 is not lower-case hex`);
  if (typeof fingerprint !== 'string' || fingerprint.length > 128)
    throw bad(`version ${name}: fingerprint is not a short string`);
  return {
    part,
    type,
    width: dimension(width, `${name}.width`),
    height: dimension(height, `${name}.height`),
    bytes: bytes as number,
    sha256,
    fingerprint,
  };
}

/** Parses the manifest field; throws an `HttpError` (400, 413 or 415) naming the first fault. */
export function parseManifest(text: string, maxPartBytes: number): UploadManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  if (!isRecord(data)) throw bad('not an object');
  if (data['manifestVersion'] !== MANIFEST_VERSION) throw bad(`manifestVersion is not ${MANIFEST_VERSION}`);
  const { uploadId, source, versions } = data;
  if (typeof uploadId !== 'string' || !/^[A-Za-z0-9_.:-]{8,200}$/.test(uploadId)) throw bad('uploadId is not a token');
  if (!isRecord(source)) throw bad('source is not an object');
  if (typeof source['name'] !== 'string' || source['name'].length > 1024)
    throw bad('source.name is not a string of at most 1024 characters');
  if (typeof source['type'] !== 'string' || typeof source['sha256'] !== 'string' || !SHA256.test(source['sha256'])) {
    throw bad('source.type or source.sha256 is missing');
  }
  if (!isRecord(versions)) throw bad('versions is not an object');
  const names = Object.keys(versions);
  if (names.length === 0 || names.length > MAX_VERSIONS)
    throw bad(`between 1 and ${MAX_VERSIONS} versions expected, got ${names.length}`);
  const checked: Record<string, ManifestVersion> = {};
  const parts = new Set<string>();
  for (const name of names) {
    const entry = version(name, versions[name], maxPartBytes);
    if (parts.has(entry.part)) throw bad(`part ${entry.part} is named twice`);
    parts.add(entry.part);
    checked[name] = entry;
  }
  return {
    manifestVersion: MANIFEST_VERSION,
    uploadId,
    source: {
      name: source['name'],
      type: source['type'],
      width: dimension(source['width'], 'source.width'),
      height: dimension(source['height'], 'source.height'),
      bytes: Number.isInteger(source['bytes']) ? (source['bytes'] as number) : 0,
      sha256: source['sha256'],
    },
    versions: checked,
  };
}
