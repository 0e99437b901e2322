// Which formats the metadata rewriter handles, apart from the rewriter itself: the widget refuses
// a file it could not strip before any worker starts, without loading the rewriter on the page.
import type { SourceFormat } from '../header.ts';

const REWRITTEN_FORMATS = ['image/jpeg', 'image/png', 'image/webp'] as const satisfies readonly SourceFormat[];

/** Formats whose EXIF, XMP and IPTC `stripMetadata` rewrites (it has a rewriter for each). */
export type RewrittenFormat = (typeof REWRITTEN_FORMATS)[number];

const REWRITTEN: ReadonlySet<SourceFormat> = new Set(REWRITTEN_FORMATS);

/** Formats that carry no EXIF, XMP or IPTC imagespec knows of: returned as they are. */
export const NOTHING_TO_STRIP: ReadonlySet<SourceFormat> = new Set(['image/gif', 'image/bmp']);

/** Whether `stripMetadata` can rewrite (or has nothing to remove from) files of this format. */
export function canStripMetadata(format: SourceFormat): boolean {
  return NOTHING_TO_STRIP.has(format) || REWRITTEN.has(format);
}
