import type { SourceFormat } from './header.ts';

/**
 * One version of an image: the one record every layer shares. The worker makes the pixel facts,
 * the pipeline adds the fingerprint, the cache keeps it, the uploader sends it.
 */
export interface Variant {
  blob: Blob;
  width: number;
  height: number;
  /** MIME type of `blob`. */
  type: string;
  bytes: number;
  /** What the spec does, hashed: stable across runs, the cache key's second half. Empty for originals. */
  fingerprint: string;
  /** True when read from the cache instead of produced by this call. Always false for originals. */
  fromCache: boolean;
  /** The encoder quality used (the one `maxBytes` chose); absent for PNG and originals. */
  quality?: number;
}

/** The file a result was made from. */
export interface SourceImage {
  name: string;
  /** As displayed: after EXIF orientation. */
  width: number;
  height: number;
  /** Format from the file's magic bytes. */
  type: SourceFormat;
  bytes: number;
  /** Lower-case hex SHA-256 of the bytes the original version sends: the file, or its copy with metadata removed. */
  sha256: string;
  /** EXIF orientation, 1..8. */
  orientation: number;
}

/** What a worker produces for one spec: the pixel facts, by spec name. */
export type EncodedVariant = Pick<Variant, 'blob' | 'width' | 'height' | 'type' | 'quality'> & { name: string };

/** A variant as the cache holds it. */
export type CachedVariant = Omit<Variant, 'fromCache'>;
