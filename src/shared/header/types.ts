/** Formats recognised by magic bytes — never by file name or declared MIME type. */
export type SourceFormat =
  | 'image/jpeg'
  | 'image/png'
  | 'image/gif'
  | 'image/webp'
  | 'image/avif'
  | 'image/bmp'
  | 'image/heic'
  | 'image/jxl'
  | 'image/tiff'
  | 'image/svg+xml';

/** What a file's header declares, read without decoding a pixel. */
export interface ImageHeader {
  format: SourceFormat;
  /**
   * Stored (pre-orientation) size declared by the header; null when the header does not say or
   * is cut off.
   */
  width: number | null;
  height: number | null;
  /**
   * EXIF orientation 1..8 (JPEG APP1 Exif, WebP EXIF chunk, PNG eXIf chunk, TIFF IFD0, when
   * present in the bytes given); 1 when absent.
   */
  orientation: number;
}

/** What one format's reader finds; the dispatcher adds the format it sniffed. */
export type HeaderFields = Omit<ImageHeader, 'format'>;

/** The answer for a file whose header says nothing we could read. */
export const UNKNOWN_FIELDS: Readonly<HeaderFields> = { width: null, height: null, orientation: 1 };
