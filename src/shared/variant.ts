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
  /**
   * The encoder quality used (the one `maxBytes` chose); absent for PNG, originals and a variant
   * that is the source's own bytes (`keepSmallerSource`).
   */
  quality?: number;
  /** The spec's `placeholder`, when it asks for one. */
  placeholder?: Placeholder;
}

/** A tiny preview of a variant to show while it loads (`placeholder: 'thumbhash'`). */
export interface Placeholder {
  /** The ThumbHash (https://evanw.github.io/thumbhash/), base64: about 25 bytes for the whole image. */
  thumbhash: string;
  /** The hash rendered as a PNG of at most 32 pixels a side, as a `data:` URL for `<img src>` or a CSS background. */
  dataUrl: string;
}

/** The optional facts of a variant, copied from one record to another only where present. */
export function variantExtras(
  from: Pick<Variant, 'quality' | 'placeholder'>,
): Pick<Variant, 'quality' | 'placeholder'> {
  return {
    ...(from.quality === undefined ? {} : { quality: from.quality }),
    ...(from.placeholder === undefined ? {} : { placeholder: from.placeholder }),
  };
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
export type EncodedVariant = Pick<Variant, 'blob' | 'width' | 'height' | 'type' | 'quality' | 'placeholder'> & {
  name: string;
};

/** A variant as the cache holds it. */
export type CachedVariant = Omit<Variant, 'fromCache'>;
