import type { ResolvedImageSpec } from './specs.ts';

/**
 * Bumped whenever imagespec's own pixel pipeline changes what a spec produces, so that
 * caches keyed on fingerprints made by older code miss.
 */
export const PIPELINE_VERSION = 1;

/** JSON with object keys sorted at every level: equal data gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const record = item as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  });
}

/** Lower-case hex SHA-256 of bytes or of a string's UTF-8. */
export async function sha256Hex(data: BufferSource | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Fingerprints made, by their spec's canonical JSON: a page passes the same specs with every
 * file, and a cache hit then need not queue a digest behind the file's own (WebCrypto in
 * Chromium runs digests one after another on one thread).
 */
const fingerprints = new Map<string, Promise<string>>();
const FINGERPRINTS_KEPT = 256;

/**
 * A stable id for what a spec does: its processors, encoding and the pipeline version, but not
 * its name (nor the responsive spec it is a width of), so the same spec under two names shares
 * cached results.
 */
export function fingerprintSpec(spec: ResolvedImageSpec): Promise<string> {
  const { name: _name, kind: _kind, widthOf: _widthOf, ...what } = spec;
  const json = canonicalJson({ pipeline: PIPELINE_VERSION, ...what });
  let fingerprint = fingerprints.get(json);
  if (!fingerprint) {
    if (fingerprints.size >= FINGERPRINTS_KEPT) fingerprints.delete(fingerprints.keys().next().value!);
    fingerprint = sha256Hex(json);
    fingerprints.set(json, fingerprint);
  }
  return fingerprint;
}
