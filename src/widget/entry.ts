// One file in the widget: what it is, where it is in its life, and its row in the list.
import type { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import type { ProcessResult } from '../pipeline/process-image.ts';
import { describeFailure } from './reasons.ts';
import { formatBytes, formatPercent, type Translate, type WidgetStrings } from './strings.ts';
import { renderItem, type ItemParts } from './template.ts';

/**
 * Where a file is in its life. `refused`: stopped by a restriction before processing;
 * `ready`: processed, its versions are the form's value (form mode); `uploaded`: the receiver
 * has every version (upload mode); `failed`: processing or the upload failed, retry may help.
 */
export type ItemState =
  | 'refused'
  | 'processing'
  | 'ready'
  | 'queued'
  | 'uploading'
  | 'retrying'
  | 'waiting-for-network'
  | 'uploaded'
  | 'failed';

/** States that hold the form back: work is still under way. */
export const PENDING_STATES: ReadonlySet<ItemState> = new Set([
  'processing',
  'queued',
  'uploading',
  'retrying',
  'waiting-for-network',
]);

/** One file as events and the `items` property show it. */
export interface UploadItem {
  /** Stable for the life of the item in this widget. */
  readonly key: string;
  /** The file's name. */
  readonly name: string;
  /** The file's bytes. */
  readonly size: number;
  /** Where it is in its life. */
  readonly state: ItemState;
  /** 0..1 through the current stage (processing, then uploading). */
  readonly progress: number;
  /** The file as picked; null for an item listed again after a reload. */
  readonly file: File | null;
  /** The processed versions, once made (not after a reload). */
  readonly result: ProcessResult | null;
  /** The upload queue's job id (upload mode, once queued). */
  readonly uploadId: string | null;
  /** Why it was refused or failed. */
  readonly error: ImageSpecError | null;
}

const STATUS_TEXT: Partial<Record<ItemState, keyof WidgetStrings>> = {
  processing: 'processing',
  queued: 'queued',
  retrying: 'retrying',
  'waiting-for-network': 'waitingForNetwork',
  uploaded: 'uploaded',
  ready: 'ready',
};

let made = 0;

/** The mutable record behind an `UploadItem`, with its row. */
export class Entry implements UploadItem {
  readonly key = `item-${++made}`;
  readonly name: string;
  readonly size: number;
  state: ItemState;
  progress = 0;
  readonly file: File | null;
  result: ProcessResult | null = null;
  uploadId: string | null = null;
  error: ImageSpecError | null = null;
  /** Failed while processing (retry processes again) or while uploading (retry asks the queue). */
  failedIn: 'processing' | 'uploading' | null = null;
  /** Stops this file's processing. */
  controller = new AbortController();
  /** The row's preview, revoked when the item goes. */
  previewUrl: string | null = null;
  readonly parts: ItemParts = renderItem();

  constructor(name: string, size: number, state: ItemState, file: File | null) {
    this.name = name;
    this.size = size;
    this.state = state;
    this.file = file;
    this.parts.item.dataset['key'] = this.key;
  }

  /** A frozen copy for events and `items`. */
  snapshot(): UploadItem {
    const { key, name, size, state, progress, file, result, uploadId, error } = this;
    return Object.freeze({ key, name, size, state, progress, file, result, uploadId, error });
  }

  /** Shows the preview: a small processed version, never the original. */
  showPreview(blob: Blob): void {
    if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
    this.previewUrl = URL.createObjectURL(blob);
    const image = document.createElement('img');
    image.alt = '';
    image.decoding = 'async';
    image.src = this.previewUrl;
    this.parts.preview.replaceChildren(image);
  }

  release(): void {
    this.controller.abort();
    if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
    this.previewUrl = null;
    this.parts.item.remove();
  }

  /** Brings the row up to date with the record. */
  render(t: Translate, locale: string, disabled: boolean): void {
    const { item, name, size, progress, status, retry, remove } = this.parts;
    item.dataset['state'] = this.state;
    item.setAttribute('part', `item item-${this.state}`);
    name.textContent = this.name;
    name.title = this.name;
    size.textContent = formatBytes(this.size, locale);
    const uploading = this.state === 'uploading';
    progress.hidden = !PENDING_STATES.has(this.state);
    progress.value = this.progress;
    progress.setAttribute('aria-label', t(uploading ? 'progressUploading' : 'progressProcessing', { name: this.name }));
    status.textContent = this.#statusText(t, locale);
    retry.hidden = this.state !== 'failed';
    retry.textContent = t('retry');
    retry.setAttribute('aria-label', t('retryLabel', { name: this.name }));
    remove.setAttribute('aria-label', t('remove', { name: this.name }));
    retry.disabled = remove.disabled = disabled;
  }

  #statusText(t: Translate, locale: string): string {
    if (this.state === 'failed' || this.state === 'refused') {
      return this.error ? describeFailure(this.error, this.failedIn ?? 'refused', t, locale) : '';
    }
    if (this.state === 'uploading') {
      return this.progress >= 1 ? t('finishing') : t('uploading', { percent: formatPercent(this.progress, locale) });
    }
    return t(STATUS_TEXT[this.state]!);
  }
}
