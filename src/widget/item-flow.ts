// What happens to each file the widget is given: checked against the restrictions, offered to
// the page (the cancelable accept event), processed a few at a time, then uploaded through the
// queue (upload mode) or held as the form's value (form mode). The element wires the DOM; this
// module owns the list.
import type { Specs } from '../shared/specs.ts';
import { processImage, type ProcessResult } from '../pipeline/process-image.ts';
import type { ProcessProgress } from '../pipeline/progress-reporter.ts';
import { defaultPoolSize, type WorkerPool } from '../pool/worker-pool.ts';
import type { UploadHandle, Uploader, UploadJobSnapshot } from '../upload/uploader.ts';
import type { CollectedFiles } from './collect-files.ts';
import { Entry, PENDING_STATES, type ItemState } from './entry.ts';
import type { WidgetEventDetail, WidgetEventName } from './events.ts';
import { ProcessingQueue } from './processing-queue.ts';
import { describeFailure, failureOf, type FailureStage } from './reasons.ts';
import { refusalOf, type Restrictions } from './restrictions.ts';
import { itemStateOf, restoredEntry, restoreJobs } from './restore-jobs.ts';
import type { Translate } from './strings.ts';
import { previewOf } from './versions.ts';

/** What the flow needs from its element. */
export interface FlowHost {
  specs(): Specs;
  pool(): WorkerPool | undefined;
  /** The uploader in upload mode; null in form mode. */
  uploader(): Uploader | null;
  restrictions(): Restrictions & { multiple: boolean };
  translate(): Translate;
  locale(): string;
  /** The row (or, for null, the list as a whole) changed: re-render, update the form's value. */
  changed(entry: Entry | null): void;
  announce(text: string): void;
  dispatch<Name extends WidgetEventName>(name: Name, detail: WidgetEventDetail<Name>): boolean;
}

/** Processing stages as a share of the bar: decoding first, then each version encoded. */
function processingShare({ stage, completed, total }: ProcessProgress): number {
  if (stage === 'done') return 1;
  if (stage === 'queued') return 0;
  return 0.1 + (0.85 * completed) / Math.max(total, 1);
}

export class ItemFlow {
  readonly entries: Entry[] = [];
  readonly #host: FlowHost;
  readonly #list: HTMLUListElement;
  readonly #processing = new ProcessingQueue<Entry>(
    () => (this.#host.pool()?.size ?? defaultPoolSize()) + 1,
    (entry) => this.#process(entry),
  );
  /** Batches given to `add` whose files are still being checked against the restrictions. */
  #checking = 0;
  /** Additions one batch at a time, so that positions (max-files) are counted in order. */
  #adding: Promise<void> = Promise.resolve();
  #busy = false;

  constructor(host: FlowHost, list: HTMLUListElement) {
    this.#host = host;
    this.#list = list;
  }

  get pending(): boolean {
    return this.entries.some((entry) => PENDING_STATES.has(entry.state));
  }

  /** Files given but not yet listed (their bytes are being checked): a form must not submit without them. */
  get checking(): boolean {
    return this.#checking > 0;
  }

  add(collected: CollectedFiles): Promise<void> {
    this.#checking++;
    this.#host.changed(null);
    return this.#serial(() => this.#addNow(collected)).finally(() => {
      this.#checking--;
      this.#host.changed(null);
    });
  }

  #serial(work: () => Promise<void>): Promise<void> {
    const next = this.#adding.then(work);
    // One failed batch must not stop the ones after it.
    this.#adding = next.catch(() => undefined);
    return next;
  }

  async #addNow({ files, fromFolders }: CollectedFiles): Promise<void> {
    const t = this.#host.translate();
    const limits = this.#host.restrictions();
    let added = 0;
    let skipped = 0;
    for (const file of files) {
      const held = this.entries.filter((entry) => entry.state !== 'refused').length;
      // Without `multiple` a new file replaces the one held, as a native file input does.
      const position = limits.multiple ? held : added;
      const refusal = await refusalOf(file, position, limits);
      if (refusal?.code === 'UNSUPPORTED_FORMAT' && fromFolders.has(file)) {
        skipped++;
        continue;
      }
      if (refusal) {
        const entry = new Entry(file.name, file.size, 'refused', file);
        entry.error = refusal;
        this.#fail(this.#append(entry), refusal, 'refused');
        continue;
      }
      if (!this.#host.dispatch('accept', { file })) continue;
      if (!limits.multiple) this.entries.slice().forEach((entry) => void this.remove(entry, false));
      this.#processing.add(this.#append(new Entry(file.name, file.size, 'processing', file)));
      added++;
    }
    if (added) this.#host.announce(t('announceAdded', { count: added }));
    if (skipped) this.#host.announce(t('announceSkipped', { count: skipped }));
    this.#settled();
  }

  #append(entry: Entry): Entry {
    this.entries.push(entry);
    if (PENDING_STATES.has(entry.state)) this.#busy = true;
    this.#list.append(entry.parts.item);
    this.#host.changed(entry);
    return entry;
  }

  async #process(entry: Entry): Promise<void> {
    const { signal } = entry.controller;
    let result: ProcessResult;
    try {
      const pool = this.#host.pool();
      result = await processImage(entry.file!, this.#host.specs(), {
        signal,
        ...(pool ? { pool } : {}),
        onProgress: (progress) => this.#progress(entry, 'processing', processingShare(progress)),
      });
    } catch (error) {
      if (!signal.aborted) this.#fail(entry, error, 'processing');
      return;
    }
    if (signal.aborted) return;
    const twin = this.entries.find((other) => other !== entry && other.result?.source.sha256 === result.source.sha256);
    if (twin) {
      // The same photo twice: one row, one upload.
      this.#host.announce(this.#host.translate()('announceRemoved', { name: entry.name }));
      return this.remove(entry, false);
    }
    entry.result = result;
    const preview = previewOf(result);
    if (preview) entry.showPreview(preview);
    this.#host.dispatch('processed', { item: entry.snapshot(), result });
    if (this.#host.uploader()) return this.#upload(entry);
    this.#setState(entry, 'ready', 1);
    this.#host.announce(this.#host.translate()('announceReady', { name: entry.name }));
    this.#settled();
  }

  async #upload(entry: Entry): Promise<void> {
    const uploader = this.#host.uploader()!;
    this.#setState(entry, 'queued', 0);
    try {
      const handle = await uploader.enqueue(entry.result!);
      entry.uploadId = handle.id;
      // Removed while it was being queued: the job goes too.
      if (entry.controller.signal.aborted) await uploader.cancel(handle.id);
      else this.follow(entry, handle);
    } catch (error) {
      this.#fail(entry, error, 'uploading');
    }
  }

  /** Settles the row with the job's outcome. */
  follow(entry: Entry, handle: UploadHandle): void {
    handle.done.then(
      (receipt) => {
        if (entry.controller.signal.aborted || entry.state === 'uploaded') return;
        this.#setState(entry, 'uploaded', 1);
        this.#host.dispatch('uploaded', { item: entry.snapshot(), receipt });
        this.#host.announce(this.#host.translate()('announceUploaded', { name: entry.name }));
        this.#settled();
      },
      (error: unknown) => {
        if (!entry.controller.signal.aborted) this.#fail(entry, error, 'uploading');
      },
    );
  }

  /** The queue's own events: state changes and bytes sent, for the rows this widget shows. */
  onQueueState(snapshot: UploadJobSnapshot): void {
    const entry = this.#byUploadId(snapshot.id);
    const state = itemStateOf(snapshot.state);
    // Outcomes arrive through the job's handle; the queue's events bring the states on the way.
    if (entry && PENDING_STATES.has(state) && PENDING_STATES.has(entry.state)) this.#setState(entry, state);
  }

  onQueueProgress(id: string, fraction: number): void {
    const entry = this.#byUploadId(id);
    if (entry?.state === 'uploading') this.#progress(entry, 'uploading', fraction);
  }

  /** Lists the queue's unfinished jobs (after a reload) and resumes them. */
  restore(uploader: Uploader): Promise<void> {
    return this.#serial(() => this.#restoreNow(uploader));
  }

  async #restoreNow(uploader: Uploader): Promise<void> {
    const jobs = await restoreJobs(uploader, (id) => this.#byUploadId(id) !== undefined);
    for (const job of jobs) this.#append(restoredEntry(job));
    for (const handle of await uploader.resumeUploads()) {
      const entry = this.#byUploadId(handle.id);
      if (entry) this.follow(entry, handle);
    }
    if (jobs.length) this.#host.announce(this.#host.translate()('announceAdded', { count: jobs.length }));
    this.#settled();
  }

  async retry(entry: Entry): Promise<void> {
    if (entry.state !== 'failed') return;
    entry.error = null;
    const uploader = this.#host.uploader();
    if (entry.failedIn === 'uploading' && uploader && entry.uploadId) {
      this.#setState(entry, 'queued', 0);
      try {
        this.follow(entry, await uploader.retry(entry.uploadId));
      } catch (error) {
        this.#fail(entry, error, 'uploading');
      }
    } else if (entry.result && uploader) {
      await this.#upload(entry);
    } else if (entry.file) {
      entry.controller = new AbortController();
      this.#setState(entry, 'processing', 0);
      this.#processing.add(entry);
    }
  }

  /** Takes the file out: its processing stops, an unfinished upload is cancelled (an uploaded file stays uploaded). */
  async remove(entry: Entry, announce = true): Promise<void> {
    const index = this.entries.indexOf(entry);
    if (index < 0) return;
    this.entries.splice(index, 1);
    this.#processing.withdraw(entry);
    entry.release();
    this.#host.changed(null);
    if (announce) this.#host.announce(this.#host.translate()('announceRemoved', { name: entry.name }));
    const uploader = this.#host.uploader();
    if (entry.uploadId && entry.state !== 'uploaded' && uploader) await uploader.cancel(entry.uploadId);
    this.#settled();
  }

  clear(): void {
    this.entries.slice().forEach((entry) => void this.remove(entry, false));
  }

  #byUploadId(id: string): Entry | undefined {
    return this.entries.find((entry) => entry.uploadId === id);
  }

  #setState(entry: Entry, state: ItemState, progress = entry.progress): void {
    entry.state = state;
    entry.progress = progress;
    if (PENDING_STATES.has(state)) this.#busy = true;
    this.#host.changed(entry);
  }

  #progress(entry: Entry, stage: 'processing' | 'uploading', progress: number): void {
    entry.progress = progress;
    this.#host.changed(entry);
    this.#host.dispatch('progress', { item: entry.snapshot(), stage, progress });
  }

  #fail(entry: Entry, thrown: unknown, stage: FailureStage): void {
    const error = failureOf(thrown, stage);
    entry.error = error;
    entry.failedIn = stage === 'refused' ? null : stage;
    this.#setState(entry, stage === 'refused' ? 'refused' : 'failed', 0);
    this.#host.dispatch('error', { item: entry.snapshot(), error, stage });
    const t = this.#host.translate();
    const reason = describeFailure(error, stage, t, this.#host.locale());
    this.#host.announce(t(stage === 'refused' ? 'announceRefused' : 'announceFailed', { name: entry.name, reason }));
    this.#settled();
  }

  /** Once nothing is pending after work was: the complete event, once per busy spell. */
  #settled(): void {
    if (!this.#busy || this.pending) return;
    this.#busy = false;
    const items = this.entries.map((entry) => entry.snapshot());
    this.#host.dispatch('complete', { items });
    this.#host.announce(this.#host.translate()('announceComplete', { count: items.length }));
  }
}
