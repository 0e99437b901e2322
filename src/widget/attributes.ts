// The element's attributes, each reflected by a property (as on native inputs): the attribute is
// the truth, the property reads and writes it. Kept apart from the behaviour in upload-element.ts.
import { parseByteSize } from './restrictions.ts';

/** What `strip-metadata` may say about the original. */
export type StripMetadata = 'gps' | 'all' | 'none';

/** The transports an `endpoint` attribute can name; presigned uploads need the `uploader` property. */
export type EndpointTransport = 'multipart' | 'tus';

/** Attributes whose changes the element re-renders for. `disabled` comes through formDisabledCallback. */
export const OBSERVED_ATTRIBUTES = [
  'accept',
  'capture',
  'endpoint',
  'max-file-size',
  'max-files',
  'multiple',
  'name',
  'required',
  'strip-metadata',
  'transport',
] as const;

/**
 * `HTMLElement`, or where there is none (server-side rendering, Node) a bare class: importing
 * `imagespec/widget` on a server defines nothing and must not throw.
 */
const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/** The attributes of `<imagespec-upload>`, each reflected by a property; the element adds the behaviour. */
export abstract class ImageSpecUploadAttributes extends ElementBase {
  /** Image types taken, as on `<input type=file>`, checked against each file's magic bytes. @default 'image/*' */
  get accept(): string {
    return this.getAttribute('accept') ?? 'image/*';
  }
  set accept(value: string) {
    this.setAttribute('accept', value);
  }

  /** Passed to the file input: on phones, `environment` or `user` opens that camera. @default null (no hint) */
  get capture(): string | null {
    return this.getAttribute('capture');
  }
  set capture(value: string | null) {
    this.#setOrRemove('capture', value);
  }

  /** Where every file's versions are uploaded; absent: the element is a form field. @default null */
  get endpoint(): string | null {
    return this.getAttribute('endpoint');
  }
  set endpoint(value: string | null) {
    this.#setOrRemove('endpoint', value);
  }

  /** How `endpoint` is spoken to. @default 'multipart' */
  get transport(): EndpointTransport {
    return this.getAttribute('transport') === 'tus' ? 'tus' : 'multipart';
  }
  set transport(value: EndpointTransport) {
    this.setAttribute('transport', value);
  }

  /** Several files may be added; without it a new file replaces the one held. @default false */
  get multiple(): boolean {
    return this.hasAttribute('multiple');
  }
  set multiple(value: boolean) {
    this.toggleAttribute('multiple', value);
  }

  /** At most this many files (with `multiple`). @default Infinity */
  get maxFiles(): number {
    const value = Number(this.getAttribute('max-files') ?? NaN);
    return Number.isInteger(value) && value >= 0 ? value : Infinity;
  }
  set maxFiles(value: number) {
    this.setAttribute('max-files', String(value));
  }

  /** At most this many bytes per file; the attribute also takes units: `10MB`, `512KiB`. @default Infinity */
  get maxFileSize(): number {
    return parseByteSize(this.getAttribute('max-file-size'));
  }
  set maxFileSize(value: number | string) {
    this.setAttribute('max-file-size', String(value));
  }

  /** No picking, dropping, pasting, removing or retrying; work under way goes on. @default false */
  get disabled(): boolean {
    return this.hasAttribute('disabled');
  }
  set disabled(value: boolean) {
    this.toggleAttribute('disabled', value);
  }

  /** A form cannot be submitted until a file is ready (form mode) or uploaded. @default false */
  get required(): boolean {
    return this.hasAttribute('required');
  }
  set required(value: boolean) {
    this.toggleAttribute('required', value);
  }

  /** The form field's name: each version is sent as `name[version]`. @default '' */
  get name(): string {
    return this.getAttribute('name') ?? '';
  }
  set name(value: string) {
    this.setAttribute('name', value);
  }

  /**
   * What is removed, losslessly, from the original before it leaves the browser: `gps` (the
   * location), `all` (EXIF, XMP and IPTC but the orientation), or `none`. Applies to every
   * `original: true` spec; a spec with its own `original: { stripMetadata }` keeps it. While it
   * removes something, formats it cannot rewrite (HEIC, AVIF, TIFF, JPEG XL) are refused.
   * @default 'gps'
   */
  get stripMetadata(): StripMetadata {
    const value = this.getAttribute('strip-metadata');
    return value === 'all' || value === 'none' ? value : 'gps';
  }
  set stripMetadata(value: StripMetadata) {
    this.setAttribute('strip-metadata', value);
  }

  #setOrRemove(name: string, value: string | null): void {
    if (value === null) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }
}
