// The widget's events: bubbling, composed CustomEvents named after the tag, in the vocabulary
// of GitHub's file-attachment-element (a cancelable "about to" event, then past-tense ones) and
// Uppy (progress, uploaded, error, complete).
import type { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import type { UploadReceipt } from '../shared/wire.ts';
import type { ProcessResult } from '../pipeline/process-image.ts';
import type { UploadItem } from './entry.ts';
import type { FailureStage } from './reasons.ts';

/** Every event `<imagespec-upload>` dispatches, by type. */
export interface ImageSpecUploadEventMap {
  /** Cancelable, before a file that passed the restrictions is taken: `preventDefault()` leaves it out. */
  'imagespec-upload-accept': CustomEvent<{ file: File }>;
  /** Every eager version of a file is made. */
  'imagespec-upload-processed': CustomEvent<{ item: UploadItem; result: ProcessResult }>;
  /** A file moved on through processing, then uploading; `progress` is 0..1 of that stage. */
  'imagespec-upload-progress': CustomEvent<{ item: UploadItem; stage: 'processing' | 'uploading'; progress: number }>;
  /** The receiver has every version (upload mode). `receipt` is null when another tab finished it. */
  'imagespec-upload-uploaded': CustomEvent<{ item: UploadItem; receipt: UploadReceipt | null }>;
  /** A file was refused by a restriction, or its processing or upload failed. */
  'imagespec-upload-error': CustomEvent<{ item: UploadItem; error: ImageSpecError; stage: FailureStage }>;
  /** Nothing is pending any more: every file is ready, uploaded, failed or refused. */
  'imagespec-upload-complete': CustomEvent<{ items: UploadItem[] }>;
}

/** The part after `imagespec-upload-`. */
export type WidgetEventName = keyof ImageSpecUploadEventMap extends `imagespec-upload-${infer Name}` ? Name : never;

export type WidgetEventDetail<Name extends WidgetEventName> =
  ImageSpecUploadEventMap[`imagespec-upload-${Name}`]['detail'];

/** Dispatches from `target`; false when a listener cancelled it. */
export function dispatchWidgetEvent<Name extends WidgetEventName>(
  target: EventTarget,
  name: Name,
  detail: WidgetEventDetail<Name>,
): boolean {
  return target.dispatchEvent(
    new CustomEvent(`imagespec-upload-${name}`, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: name === 'accept',
    }),
  );
}
