/** What `original: { stripMetadata }` removes: GPS only, or all of EXIF, XMP and IPTC. */
export type StripMode = 'gps' | 'all';
