// A spec with `widths` comes back as one variant per width; this gathers them into what an
// `<img srcset sizes>` needs, after dropping the widths that only repeat the image's own.
import { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import type { Variant } from '../shared/variant.ts';
import type { WidthSet } from '../shared/widths.ts';
import type { ObjectUrls } from './variant-access.ts';

/** How wide an image is shown, for `ResponsiveImage.sizes`. */
export interface SizesLayout {
  /** Its width as a share of the viewport's, in `vw` (0 to 100]. @default 100 */
  vw?: number;
  /** The widest it is ever shown, in CSS pixels (a column's max width). @default null: `vw` alone */
  maxWidth?: number | null;
}

/** The versions of one spec with `widths`, ready for `<img srcset sizes>`. */
export interface ResponsiveImage {
  /** Their names in `variants`, narrowest first: one per distinct width. */
  versions: string[];
  /** Their widths in pixels, in the same order. Never wider than the image (nothing is enlarged). */
  widths: number[];
  /**
   * The `srcset` value: each version's URL and width, narrowest first (`"blob:… 320w, blob:… 640w"`).
   * By default the blobs' object URLs (made once, revoked by `result.release()`); once uploaded,
   * pass `url` to say where each version is served.
   */
  srcset(url?: (version: string, variant: Variant) => string): string;
  /**
   * A `sizes` value for the image's layout: `vw` of the viewport up to `maxWidth` CSS pixels, as
   * `"(max-width: 1280px) 50vw, 640px"`; `"100vw"` by default.
   */
  sizes(layout?: SizesLayout): string;
}

/**
 * Removes from `variants` every width whose variant is no wider than a narrower width's (the
 * image was narrower than both asked for), and describes what each set keeps.
 */
export function collectResponsive(
  sets: readonly WidthSet[],
  variants: Record<string, Variant>,
  urls: ObjectUrls,
): Record<string, ResponsiveImage> {
  const responsive: Record<string, ResponsiveImage> = {};
  for (const { spec, versions: asked } of sets) {
    const versions: string[] = [];
    for (const name of asked) {
      const widest = versions.at(-1);
      if (widest !== undefined && variants[name]!.width <= variants[widest]!.width) delete variants[name];
      else versions.push(name);
    }
    responsive[spec] = {
      versions,
      widths: versions.map((name) => variants[name]!.width),
      srcset: (url = (name, variant) => urls.of(name, variant.blob)) =>
        versions.map((name) => `${url(name, variants[name]!)} ${variants[name]!.width}w`).join(', '),
      sizes: sizesFor,
    };
  }
  return responsive;
}

function sizesFor({ vw = 100, maxWidth = null }: SizesLayout = {}): string {
  if (!(vw > 0 && vw <= 100)) {
    throw new ImageSpecError(
      'INVALID_OPTIONS',
      `invalid sizes: vw must be a number from 0 (excluded) to 100, got ${vw}`,
    );
  }
  if (maxWidth === null) return `${vw}vw`;
  if (!(maxWidth > 0 && Number.isFinite(maxWidth))) {
    throw new ImageSpecError(
      'INVALID_OPTIONS',
      `invalid sizes: maxWidth must be a positive number of CSS pixels, got ${maxWidth}`,
    );
  }
  // Below this viewport width the image is `vw` wide; above it, `maxWidth` stops it.
  return `(max-width: ${Math.round((maxWidth * 100) / vw)}px) ${vw}vw, ${maxWidth}px`;
}
