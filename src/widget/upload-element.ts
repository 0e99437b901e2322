// <imagespec-upload>: picks, previews, processes and uploads images, or hands their versions to a
// plain <form>. Modelled on GitHub's file-attachment-element: attributes are the API, listeners
// live from connectedCallback to disconnectedCallback, a cancelable event comes before a file is
// taken. Defined by the side-effect entry `imagespec/widget`, never by importing this module.
import type { Specs } from '../shared/specs.ts';
import type { WorkerPool } from '../pool/worker-pool.ts';
import type { Uploader } from '../upload/uploader.ts';
import { OBSERVED_ATTRIBUTES, ImageSpecUploadAttributes } from './attributes.ts';
import { listenForFiles } from './drop-zone.ts';
import type { Entry, UploadItem } from './entry.ts';
import { dispatchWidgetEvent } from './events.ts';
import { formValidity, formValue } from './form-value.ts';
import { ItemFlow, type FlowHost } from './item-flow.ts';
import { originalStripMode, withStripMetadata } from './metadata-policy.ts';
import { acceptedFormats } from './restrictions.ts';
import { QueueLink } from './queue-link.ts';
import { privacyText, summaryText } from './status-text.ts';
import { canonicalLocale, translator, type Translate, type WidgetI18n } from './strings.ts';
import { widgetStyleSheet } from './styles.ts';
import { renderRoot, type RootParts } from './template.ts';
import { DEFAULT_SPECS } from './versions.ts';

/** Announcements kept in the live region at once: older ones have been read. */
const SPOKEN_LINES = 3;

/**
 * The `<imagespec-upload>` element. Attributes (reflected as properties): `endpoint`, `transport`,
 * `accept`, `multiple`, `max-files`, `max-file-size`, `disabled`, `required`, `name`,
 * `strip-metadata`, `capture`. Properties: `specs`, `pool`, `uploader`, `i18n`, and `items`.
 *
 * @example
 * <script type="module">import 'imagespec/widget';</script>
 * <imagespec-upload endpoint="/api/uploads" multiple max-file-size="20MB"></imagespec-upload>
 */
export class ImageSpecUploadElement extends ImageSpecUploadAttributes {
  /** A form field: `ElementInternals` gives it a value, validity, reset and disabled handling. */
  static readonly formAssociated = true;
  /** The attributes it reacts to (`disabled` comes through `formDisabledCallback`). */
  static readonly observedAttributes = OBSERVED_ATTRIBUTES;

  readonly #internals = this.attachInternals();
  readonly #parts: RootParts;
  readonly #flow: ItemFlow;
  #specs: Specs = DEFAULT_SPECS;
  #pool: WorkerPool | null = null;
  #uploader: Uploader | null = null;
  readonly #queueLink = new QueueLink();
  #i18n: WidgetI18n = {};
  #translate: { key: string; translate: Translate } | null = null;
  #connection: AbortController | null = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    root.adoptedStyleSheets = [widgetStyleSheet()];
    this.#parts = renderRoot(root);
    this.#flow = new ItemFlow(this.#flowHost(), this.#parts.list);
  }

  /** The versions made of each file. @default thumbnail (160x160 fill), display (fit in 1600x1600), original */
  get specs(): Specs {
    return this.#specs;
  }
  set specs(value: Specs | null) {
    this.#specs = value ?? DEFAULT_SPECS;
    this.#render();
  }

  /** The worker pool to process in (your own worker, for custom processors). @default imagespec's shared pool */
  get pool(): WorkerPool | null {
    return this.#pool;
  }
  set pool(value: WorkerPool | null) {
    this.#pool = value;
  }

  /** The upload queue to use instead of one made from `endpoint` (for retry settings, presigned uploads). @default null */
  get uploader(): Uploader | null {
    return this.#uploader;
  }
  set uploader(value: Uploader | null) {
    this.#uploader = value;
    this.#queueChanged();
  }

  /** Texts to replace, and the locale. @default {} (English; the locale from `lang`) */
  get i18n(): WidgetI18n {
    return this.#i18n;
  }
  set i18n(value: WidgetI18n | null) {
    this.#i18n = value ?? {};
    this.#translate = null;
    this.#render();
  }

  /** `upload` with an `endpoint` or an `uploader`, else `form`. */
  get mode(): 'upload' | 'form' {
    return this.#queue() ? 'upload' : 'form';
  }

  /** The files listed, in order. */
  get items(): UploadItem[] {
    return this.#flow.entries.map((entry) => entry.snapshot());
  }

  /** Adds files as if they were picked. */
  addFiles(files: Iterable<File>): Promise<void> {
    return this.#flow.add({ files: [...files], fromFolders: new Set() });
  }

  /** Removes every file (as a form reset does). */
  clear(): void {
    this.#flow.clear();
  }

  /** The form it belongs to, as on native inputs. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }
  /** `customError` while work is pending, `valueMissing` when `required` and empty. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }
  /** Why the form cannot be submitted yet, in the widget's language. */
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }
  /** As on native inputs: false while disabled. */
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }
  /** As on native inputs. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }
  /** As on native inputs: also shows the message. */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** Listens (until disconnected) and lists what the upload queue holds from before a reload. */
  connectedCallback(): void {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    const { zone, input, list } = this.#parts;
    listenForFiles(
      {
        element: this,
        zone,
        input,
        disabled: () => this.#isDisabled,
        take: (files) => this.#flow.add(files),
        dragging: (over) => this.#setDragging(over),
      },
      signal,
    );
    list.addEventListener('click', (event) => this.#itemAction(event), { signal });
    this.#queueChanged();
    this.#render();
  }

  /** Stops listening; work under way carries on. */
  disconnectedCallback(): void {
    this.#connection?.abort();
    this.#queueLink.stop();
  }

  /** Re-renders; a new `endpoint` or `transport` means another upload queue. */
  attributeChangedCallback(name: string): void {
    if (name === 'endpoint' || name === 'transport') this.#queueChanged();
    this.#render();
  }

  /** A form reset empties the list, as it empties a native file input. */
  formResetCallback(): void {
    this.#flow.clear();
  }

  /** Its own `disabled` or a disabled fieldset: no picking, dropping, pasting, removing or retrying. */
  formDisabledCallback(): void {
    this.#render();
  }

  get #isDisabled(): boolean {
    return this.matches(':disabled');
  }

  #setDragging(dragging: boolean): void {
    this.#parts.zone.toggleAttribute('data-dragging', dragging);
    this.#parts.hint.textContent = this.#t()(dragging ? 'dropActive' : this.multiple ? 'dropHint' : 'dropHintOne');
  }

  #itemAction(event: MouseEvent): void {
    const button = (event.target as Element).closest('button');
    const row = button?.closest('li');
    const entry = this.#flow.entries.find((candidate) => candidate.parts.item === row);
    if (!button || !entry || this.#isDisabled) return;
    if (button.classList.contains('retry')) {
      void this.#flow.retry(entry);
      entry.parts.remove.focus();
      return;
    }
    // Focus goes where the row was: the next row, else the previous one, else the drop zone.
    const index = this.#flow.entries.indexOf(entry);
    const next = this.#flow.entries[index + 1] ?? this.#flow.entries[index - 1];
    void this.#flow.remove(entry);
    (next?.parts.remove ?? this.#parts.choose).focus();
  }

  /** The uploader in use: the `uploader` property, else one made from `endpoint`, else none (form mode). */
  #queue(): Uploader | null {
    return this.#queueLink.choose(this.#uploader, this.endpoint, this.transport);
  }

  /** Follows the queue in use (while connected); lists what it holds from before a reload. */
  #queueChanged(): void {
    const queue = this.#queue();
    this.#queueLink.follow(this.isConnected ? queue : null, this.#flow, (inUse) => this.#queue() === inUse);
  }

  /** The specs with `strip-metadata` applied to the originals. */
  #specsInUse(): Specs {
    return withStripMetadata(this.#specs, this.stripMetadata);
  }

  #locale(): string {
    return canonicalLocale(this.#i18n.locale ?? this.closest('[lang]')?.getAttribute('lang') ?? navigator.language);
  }

  #t(): Translate {
    const locale = this.#locale();
    if (this.#translate?.key !== locale) this.#translate = { key: locale, translate: translator(this.#i18n, locale) };
    return this.#translate.translate;
  }

  /** Everything: after an attribute or property changed. */
  #render(): void {
    const t = this.#t();
    const locale = this.#locale();
    const { zone, choose, hint, input, privacy } = this.#parts;
    choose.disabled = this.#isDisabled;
    zone.toggleAttribute('data-disabled', this.#isDisabled);
    choose.textContent = t(this.multiple ? 'chooseMany' : 'chooseOne');
    if (!zone.hasAttribute('data-dragging')) hint.textContent = t(this.multiple ? 'dropHint' : 'dropHintOne');
    input.accept = this.accept;
    input.multiple = this.multiple;
    if (this.capture === null) input.removeAttribute('capture');
    else input.setAttribute('capture', this.capture);
    privacy.textContent = privacyText(this.#specsInUse(), this.mode, t, locale);
    for (const entry of this.#flow.entries) entry.render(t, locale, this.#isDisabled);
    this.#renderSummary(t);
    this.#updateFormValue(t);
  }

  /** One row (or, for null, only the list as a whole) changed. */
  #changed(entry: Entry | null): void {
    const t = this.#t();
    entry?.render(t, this.#locale(), this.#isDisabled);
    this.#renderSummary(t);
    this.#updateFormValue(t);
  }

  #renderSummary(t: Translate): void {
    const states = this.#flow.entries.map((entry) => entry.state);
    this.#parts.summary.hidden = states.length === 0;
    this.#parts.summary.textContent = summaryText(states, this.mode, t);
  }

  #updateFormValue(t: Translate): void {
    const { entries } = this.#flow;
    this.#internals.setFormValue(formValue(this.name, this.mode, entries));
    const pending = this.#flow.pending || this.#flow.checking;
    const [flags, message] = formValidity({ mode: this.mode, entries, pending, required: this.required }, t);
    this.#internals.setValidity(flags, message, this.#parts.choose);
  }

  #announce(text: string): void {
    const line = document.createElement('p');
    line.textContent = text;
    this.#parts.live.append(line);
    while (this.#parts.live.childElementCount > SPOKEN_LINES) this.#parts.live.firstElementChild!.remove();
  }

  #flowHost(): FlowHost {
    return {
      specs: () => this.#specsInUse(),
      pool: () => this.#pool ?? undefined,
      uploader: () => this.#queue(),
      restrictions: () => ({
        formats: acceptedFormats(this.accept),
        maxFileSize: this.maxFileSize,
        maxFiles: this.multiple ? this.maxFiles : 1,
        multiple: this.multiple,
        stripsMetadata: Boolean(originalStripMode(this.#specsInUse())),
      }),
      translate: () => this.#t(),
      locale: () => this.#locale(),
      changed: (entry) => this.#changed(entry),
      announce: (text) => this.#announce(text),
      dispatch: (name, detail) => dispatchWidgetEvent(this, name, detail),
    };
  }
}
