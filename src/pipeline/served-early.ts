// A photo picked again is served from the cache by its file key (name, size and last-modified
// time) before a byte of it is read: reading and hashing a camera photo costs several times what
// the rest of a full hit does. The content hash stays the key; it is only checked after:
//
// - A browser File is a snapshot: Chromium refuses to read one whose file changed on disk since
//   it was picked, so one File's name, size, time and bytes belong together. Two picks with the
//   same three and other bytes happen only by coincidence (a file rewritten in place at the same
//   size within the same millisecond, or Files a page makes itself with a fixed name and time).
// - For those, the result handed out names the other photo's hash and carries its versions. The
//   check after reading finds it: the link from that file key is forgotten (the next pick makes
//   the file's own versions), a `file-mismatch` event is reported, and the uploader, which waits
//   for the check (`sourceConfirmed`), refuses the result. So nothing wrong ever leaves the page.
// - A file that can no longer be read is refused by the uploader as well (READ_FAILED as cause),
//   as processImage would have refused it before.
import { fingerprintSpec, sha256Hex } from '../shared/fingerprint.ts';
import type { SourceFormat } from '../shared/header.ts';
import type { ResolvedImageSpec } from '../shared/specs.ts';
import type { CacheEvent } from '../cache/events.ts';
import type { CacheLookup, IndexedDbCache } from '../cache/indexeddb-cache.ts';

/**
 * What tells a picked file from others without reading it: its name, size and last-modified
 * time, hashed (the cache keeps no file names). Picking the same file again gives the same key;
 * so may another file, rarely, which is why the cache only takes it as a hint (see above).
 * Undefined for a Blob that is not a File.
 */
export function fileKey(file: Blob): Promise<string> | undefined {
  if (!(file instanceof File)) return undefined;
  return sha256Hex(`${file.name}\u0000${file.size}\u0000${file.lastModified}`);
}

/** A full hit found by file key: every spec's version, and what the header would have said. */
export interface EarlyHit {
  fileKey: string;
  found: CacheLookup;
  fingerprints: string[];
  source: { sha256: string; width: number; height: number; type: SourceFormat; orientation: number };
}

/** What the cache said of a file before it was read. */
export interface EarlyLookup {
  /** False when the cache could not be used (already reported): the call goes on without it. */
  available: boolean;
  /** Undefined when anything is missing: the file is then read and hashed first, as usual. */
  hit?: EarlyHit;
  /** What the cache holds for the source last picked as this file: once hashed, its hits count if the hash is the same. */
  candidate?: CacheLookup;
}

/** Every one of `specs` cached for the source last picked as `file`, with what a full hit needs of its header. */
export async function findEarlyHit(
  cache: IndexedDbCache,
  file: Promise<string>,
  specs: readonly ResolvedImageSpec[],
  maxPixels: number,
  onEvent: ((event: CacheEvent) => void) | undefined,
): Promise<EarlyLookup> {
  if (specs.length === 0) return { available: true };
  const [fileKey, fingerprints] = await Promise.all([file, Promise.all(specs.map(fingerprintSpec))]);
  const found = await cache.lookupFile(fileKey, fingerprints, { onEvent });
  const stored = found.source;
  const missing = !stored || !fingerprints.every((fingerprint) => found.variants.has(fingerprint));
  const candidate = { available: found.available, candidate: found };
  if (missing || stored.type === undefined || stored.orientation === undefined) return candidate;
  // A smaller limit than when it was made: the usual path refuses it with TOO_LARGE.
  if (stored.width * stored.height > maxPixels) return candidate;
  const source = { ...stored, type: stored.type as SourceFormat, orientation: stored.orientation };
  return { available: true, hit: { fileKey, found, fingerprints, source } };
}

/**
 * Settles once the file's bytes are hashed: resolves when they are the photo served, rejects
 * when not (after forgetting the link and reporting `file-mismatch`) or when the file could not
 * be read.
 */
export async function checkEarlyHit(
  cache: IndexedDbCache,
  hit: EarlyHit,
  sha256: Promise<string>,
  name: string,
  onEvent: ((event: CacheEvent) => void) | undefined,
): Promise<void> {
  const actual = await sha256;
  const served = hit.source.sha256;
  if (actual === served) return;
  await cache.forgetFile(hit.fileKey, served);
  const label = name ? `"${name}"` : 'the file';
  const message = `${label} holds other bytes than the photo picked before with its name, size and time, whose cached versions it was given; process it again`;
  cache.report({ type: 'file-mismatch', served, source: actual, message }, { onEvent });
  // Only the uploader sees it, as the cause of its INVALID_INPUT refusal.
  throw new Error(`file mismatch: ${message}`);
}
