// Every word the widget shows or announces, in English, overridable one by one through the
// element's `i18n` property. A text is a template (`{name}` placeholders) or, where a number
// decides the wording, one template per plural category chosen with Intl.PluralRules.

/** One template per plural category of the locale (`other` is required: every locale has it). */
export type PluralText = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A template, or plural forms chosen by the `count` parameter. */
export type Text = string | PluralText;

/** The widget's texts. Placeholders in braces are filled in; see the English defaults. */
export interface WidgetStrings {
  /** The drop zone's button, when several photos may be added. */
  chooseMany: Text;
  /** The drop zone's button, without `multiple`. */
  chooseOne: Text;
  /** Under the button. */
  dropHint: Text;
  /** Under the button, without `multiple`. */
  dropHintOne: Text;
  /** On the drop zone while files are dragged over it. */
  dropActive: Text;
  /** What leaves the browser, in upload mode: `{versions}` lists the versions. */
  sentUpload: Text;
  /** What leaves the browser, in form mode. */
  sentForm: Text;
  /** The original file's name in `{versions}`. */
  originalVersion: Text;
  /** After `{versions}`, when some are made in the browser: they are re-encoded without metadata. */
  metadataVersions: Text;
  /** About the original's metadata, with `strip-metadata="none"`. */
  metadataKept: Text;
  /** About the original's metadata, with `strip-metadata="gps"`. */
  metadataGpsRemoved: Text;
  /** About the original's metadata, with `strip-metadata="all"`. */
  metadataAllRemoved: Text;
  /** The list's summary: `{count}` photos. */
  summaryCount: Text;
  /** The list's summary: `{count}` uploaded. */
  summaryUploaded: Text;
  /** The list's summary: `{count}` ready (form mode). */
  summaryReady: Text;
  /** The list's summary: `{count}` failed. */
  summaryFailed: Text;
  /** The list's summary: `{count}` refused by a restriction. */
  summaryRefused: Text;
  /** A row's status while its versions are made. */
  processing: Text;
  /** `{percent}` is formatted for the locale. */
  uploading: Text;
  /** Every byte is sent; the server has not answered yet. */
  finishing: Text;
  /** A row's status while its upload waits for a slot. */
  queued: Text;
  /** A row's status while the queue waits to try again. */
  retrying: Text;
  /** A row's status while the browser is offline. */
  waitingForNetwork: Text;
  /** A row's status once the receiver has every version. */
  uploaded: Text;
  /** Processed, in form mode: the versions go with the form. */
  ready: Text;
  /** The progress bar's label while processing. */
  progressProcessing: Text;
  /** The progress bar's label while uploading. */
  progressUploading: Text;
  /** The remove button's label. */
  remove: Text;
  /** The retry button's text. */
  retry: Text;
  /** The retry button's label. */
  retryLabel: Text;
  /** Refused: the bytes are not an image type the widget accepts. */
  refusedType: Text;
  /** Refused: the original's metadata is to be removed, and `{format}` files cannot be rewritten. */
  refusedMetadata: Text;
  /** Refused: `{size}` over `{limit}`. */
  refusedSize: Text;
  /** Refused: over `max-files` (`{count}`). */
  refusedCount: Text;
  /** Processing failed: `UNSUPPORTED_FORMAT` (an image this browser cannot decode, such as HEIC in Chrome). */
  errorUnsupported: Text;
  /** Processing failed: `CORRUPT_IMAGE`. */
  errorCorrupt: Text;
  /** Processing failed: `TOO_LARGE` (the header declares more pixels than allowed). */
  errorTooManyPixels: Text;
  /** Processing failed: `EMPTY_FILE`. */
  errorEmpty: Text;
  /** Processing failed: `READ_FAILED` (the file changed or went away on disk). */
  errorRead: Text;
  /** `{status}`: the HTTP status. */
  errorHttp: Text;
  /** The upload failed: `NETWORK_ERROR`. */
  errorNetwork: Text;
  /** The upload failed: `TIMEOUT`. */
  errorTimeout: Text;
  /** Any other failure: `{message}`. */
  errorOther: Text;
  /** The validity message while files are processed. */
  waitProcessing: Text;
  /** The validity message while files are uploaded. */
  waitUploading: Text;
  /** The validity message of an empty `required` element. */
  required: Text;
  /** Said when files are added: `{count}`. */
  announceAdded: Text;
  /** Said when a file is refused: `{name}`, `{reason}`. */
  announceRefused: Text;
  /** Said when a file is ready (form mode): `{name}`. */
  announceReady: Text;
  /** Said when a file is uploaded: `{name}`. */
  announceUploaded: Text;
  /** Said when a file fails: `{name}`, `{reason}`. */
  announceFailed: Text;
  /** Said when a file is removed (or dropped as a repeat): `{name}`. */
  announceRemoved: Text;
  /** Said when nothing is pending any more: `{count}` files. */
  announceComplete: Text;
  /** Files in a dropped folder that are not images: `{count}`. */
  announceSkipped: Text;
}

/** What the `i18n` property takes: any texts to replace, and the locale for numbers and plurals. */
export type WidgetI18n = Partial<WidgetStrings> & {
  /** BCP 47 tag. @default the `lang` of the element or its closest ancestor, else the browser's language */
  locale?: string;
};

export const ENGLISH: WidgetStrings = {
  chooseMany: 'Choose photos',
  chooseOne: 'Choose a photo',
  dropHint: 'or drop them here, or paste',
  dropHintOne: 'or drop it here, or paste',
  dropActive: 'Drop to add',
  sentUpload: 'Photos are prepared in your browser. For each photo, only these are uploaded: {versions}.',
  sentForm: 'Photos are prepared in your browser. For each photo, only these are sent with the form: {versions}.',
  originalVersion: 'the original file',
  metadataVersions: 'Copies made here carry no metadata: no camera, date or location.',
  metadataKept: 'The original is sent as it is, with its camera, date and any location.',
  metadataGpsRemoved: 'The original is sent without its location (camera and date stay).',
  metadataAllRemoved: 'The original is sent without its metadata (only orientation and colour profile stay).',
  summaryCount: { one: '{count} photo', other: '{count} photos' },
  summaryUploaded: '{count} uploaded',
  summaryReady: '{count} ready',
  summaryFailed: '{count} failed',
  summaryRefused: '{count} refused',
  processing: 'Processing',
  uploading: 'Uploading {percent}',
  finishing: 'Finishing the upload',
  queued: 'Waiting to upload',
  retrying: 'Upload interrupted, trying again',
  waitingForNetwork: 'Offline: waiting for a connection',
  uploaded: 'Uploaded',
  ready: 'Ready to send',
  progressProcessing: 'Processing {name}',
  progressUploading: 'Uploading {name}',
  remove: 'Remove {name}',
  retry: 'Retry',
  retryLabel: 'Retry {name}',
  refusedType: 'Not a type of image accepted here',
  refusedMetadata: 'Its metadata cannot be removed from {format} files before sending',
  refusedSize: 'Too large: {size}, the limit is {limit}',
  refusedCount: { one: 'Only one photo can be added', other: 'No more than {count} photos can be added' },
  errorUnsupported: 'This browser cannot read this image',
  errorCorrupt: 'The image is damaged or incomplete',
  errorTooManyPixels: 'The image has too many pixels',
  errorEmpty: 'The file is empty',
  errorRead: 'The file could not be read',
  errorHttp: 'Upload failed: the server answered {status}',
  errorNetwork: 'Upload failed: the server could not be reached',
  errorTimeout: 'Upload failed: the server stopped answering',
  errorOther: 'Something went wrong: {message}',
  waitProcessing: 'Wait until the photos are processed',
  waitUploading: 'Wait until the photos are uploaded',
  required: 'Choose a photo',
  announceAdded: { one: '{count} photo added', other: '{count} photos added' },
  announceRefused: '{name} refused: {reason}',
  announceReady: '{name} is ready',
  announceUploaded: '{name} uploaded',
  announceFailed: '{name}: {reason}',
  announceRemoved: '{name} removed',
  announceComplete: { one: 'The photo is done', other: 'All {count} photos are done' },
  announceSkipped: {
    one: '{count} file in the folder is not an image and was skipped',
    other: '{count} files in the folder are not images and were skipped',
  },
};

export type Translate = (key: keyof WidgetStrings, params?: Record<string, string | number>) => string;

/** Fills templates from `overrides` (falling back to English), plurals chosen for `locale`. */
export function translator(overrides: WidgetI18n, locale: string): Translate {
  const plurals = new Intl.PluralRules(locale);
  return (key, params = {}) => {
    const text = overrides[key] ?? ENGLISH[key];
    const template =
      typeof text === 'string' ? text : (text[plurals.select(Number(params['count'] ?? 0))] ?? text.other);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
  };
}

/** `wanted` as a canonical locale tag; English where it is not a valid one. */
export function canonicalLocale(wanted: string): string {
  try {
    return Intl.getCanonicalLocales(wanted)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

// Below 1 kB too: "0.2 kB" reads better than English's "240 byte".
const UNITS = [
  ['kilobyte', 1e3],
  ['megabyte', 1e6],
  ['gigabyte', 1e9],
] as const;

/** A size as people read it, in decimal units as file managers show them: "2.4 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, scale] = UNITS.filter(([, scale]) => bytes >= scale).at(-1) ?? UNITS[0];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(bytes / scale);
}

/** A fraction 0..1 as a percentage for the locale: "45%". */
export function formatPercent(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}
