// The upload queue: jobs persisted in IndexedDB, each run by one tab under a Web Lock, retried
// with backoff, paused while offline, reported through events.
import { runAttempts, type AttemptHost } from './attempts.ts';
import { createTransport } from './create-transport.ts';
import { prepareUpload, type UploadInput } from './manifest.ts';
import { resolveUploaderOptions, type ResolvedUploaderOptions, type UploaderOptions } from './options.ts';
import { ProgressBook, type UploadProgress } from './progress.ts';
import { openQueueStore, type QueueStore, type StoredJob, type UploadState } from './queue-store.ts';
import type { Transport } from './transports/transport.ts';
import { onAbort } from '../shared/abort.ts';
import { UploadError } from '../shared/errors/upload-error.ts';
import { restoreUploadError } from './stored-error.ts';
import { Slots, withLock } from './waits.ts';
import type { UploadReceipt } from '../shared/wire.ts';

/** A job as a UI shows it. */
export interface UploadJobSnapshot {
  id: string;
  state: UploadState;
  /** The source file's name. */
  name: string;
  attempts: number;
  /** Why it failed, for a failed job. */
  error: UploadError | null;
  /** When the next try is due (ms since the epoch), while retrying. */
  nextAttemptAt: number | null;
}

/** A job this tab runs. `done` resolves with the receipt, or null when another tab finished it. */
export interface UploadHandle {
  id: string;
  done: Promise<UploadReceipt | null>;
}

export interface EnqueueOptions {
  /** Abort to cancel: every request stops, tus uploads are deleted, the job is removed. */
  signal?: AbortSignal;
}

/** The events an `Uploader` dispatches; each is a `CustomEvent` with this detail. */
export interface UploaderEventMap {
  statechange: CustomEvent<UploadJobSnapshot>;
  progress: CustomEvent<UploadProgress>;
  done: CustomEvent<{ id: string; receipt: UploadReceipt | null }>;
  failed: CustomEvent<{ id: string; error: UploadError }>;
}

export interface Uploader {
  addEventListener<K extends keyof UploaderEventMap>(
    type: K,
    listener: (event: UploaderEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof UploaderEventMap>(
    type: K,
    listener: (event: UploaderEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

interface Running {
  controller: AbortController;
  handle: UploadHandle;
}

/**
 * Uploads every version of an image together, from a queue that survives failures, reloads
 * and closed tabs. Create one per page; call `resumeUploads()` on start.
 *
 * @example
 * const uploader = createUploader({ transport: { type: 'multipart', endpoint: '/api/uploads' } });
 * uploader.addEventListener('progress', ({ detail }) => bar.value = detail.queue.sent / detail.queue.total);
 * await uploader.resumeUploads();
 * const { done } = await uploader.enqueue(await processImage(file, specs));
 * const receipt = await done;
 */
export class Uploader extends EventTarget {
  readonly #options: ResolvedUploaderOptions;
  readonly #transport: Transport;
  readonly #slots: Slots;
  readonly #running = new Map<string, Running>();
  readonly #progress = new ProgressBook();
  /** What the retry loop of every job of this uploader shares. */
  readonly #host: AttemptHost;
  #store: Promise<QueueStore> | undefined;

  constructor(options: UploaderOptions = {}) {
    super();
    this.#options = resolveUploaderOptions(options);
    this.#transport = createTransport(this.#options.transport);
    this.#slots = new Slots(this.#options.concurrency);
    this.#host = {
      transport: this.#transport,
      retry: this.#options.retry,
      progress: this.#progress,
      pausedUntil: 0,
      setState: (store, job, state, error, nextAttemptAt) => this.#setState(store, job, state, error, nextAttemptAt),
      announce: (job) => this.#announce(job, null),
      progressed: (job) => this.#dispatch('progress', { job, queue: this.#progress.queue() }),
      done: (id, receipt) => this.#dispatch('done', { id, receipt }),
      failed: (id, error) => this.#dispatch('failed', { id, error }),
    };
  }

  // Opened on first use: nothing touches IndexedDB when the module is imported.
  #queue(): Promise<QueueStore> {
    this.#store ??= openQueueStore(this.#options.database);
    return this.#store;
  }

  /** Persists the result's versions as a job and starts uploading it. */
  async enqueue(result: UploadInput, options: EnqueueOptions = {}): Promise<UploadHandle> {
    const { manifest, blobs } = await prepareUpload(result);
    const store = await this.#queue();
    const existing = await store.get(manifest.uploadId);
    if (!existing) {
      const job: StoredJob = {
        id: manifest.uploadId,
        createdAt: Date.now(),
        state: 'queued',
        transport: this.#options.transport.type,
        manifest,
        attempts: 0,
        error: null,
        tusUrls: {},
      };
      await store.add(job, blobs);
      this.#announce(job, null);
    } else if (existing.state === 'failed') {
      await this.#reset(existing);
    }
    return this.#start(manifest.uploadId, options.signal);
  }

  /** Starts every unfinished job in the queue that this tab is not running yet (failed ones wait for `retry`). */
  async resumeUploads(): Promise<UploadHandle[]> {
    const jobs = await (await this.#queue()).all();
    return jobs.filter((job) => job.state !== 'failed' && job.state !== 'done').map((job) => this.#start(job.id));
  }

  /** Tries a failed job again, from zero attempts. */
  async retry(id: string): Promise<UploadHandle> {
    const job = await (await this.#queue()).get(id);
    if (!job) throw new UploadError('INVALID_INPUT', `no such upload: ${id}`);
    if (job.state === 'failed') await this.#reset(job);
    return this.#start(id);
  }

  /** Stops every request of the job, deletes its tus uploads and removes it from the queue. */
  async cancel(id: string): Promise<void> {
    const running = this.#running.get(id);
    if (running) {
      running.controller.abort(new UploadError('ABORTED', `aborted: upload ${id} was cancelled`));
      await running.handle.done.catch(() => undefined);
    }
    const store = await this.#queue();
    const job = await store.get(id);
    if (!job) return;
    await this.#transport.discard?.(job).catch(() => undefined);
    await store.delete(id);
    this.#progress.forget(id);
  }

  /** The jobs in the queue, oldest first. */
  async list(): Promise<UploadJobSnapshot[]> {
    return (await (await this.#queue()).all()).map((job) => this.#snapshot(job, null));
  }

  /** Bytes sent and total across the jobs of this tab. */
  get progress(): UploadProgress['queue'] {
    return this.#progress.queue();
  }

  #start(id: string, signal?: AbortSignal): UploadHandle {
    const running = this.#running.get(id);
    if (running) return running.handle;
    const controller = new AbortController();
    const done = this.#run(id, controller.signal).finally(() => {
      this.#running.delete(id);
      this.#progress.settle();
    });
    // Nobody may await `done`: a failure must still not surface as an unhandled rejection.
    done.catch(() => undefined);
    const handle: UploadHandle = { id, done };
    this.#running.set(id, { controller, handle });
    if (signal?.aborted) void this.cancel(id);
    // Listen only while the job runs: a long-lived signal must not keep finished jobs alive.
    else void done.finally(onAbort(signal, () => void this.cancel(id))).catch(() => undefined);
    return handle;
  }

  #run(id: string, signal: AbortSignal): Promise<UploadReceipt | null> {
    return withLock(`imagespec-upload:${id}`, signal, async () => {
      const store = await this.#queue();
      // Read under the lock: another tab may have finished, failed or cancelled it meanwhile.
      const job = await store.get(id);
      const blobs = job && (await store.getBlobs(id));
      if (!job || !blobs) {
        this.#dispatch('done', { id, receipt: null });
        return null;
      }
      if (job.state === 'failed' && job.error) throw restoreUploadError(job.error);
      const release = await this.#slots.acquire(signal);
      try {
        return await runAttempts(this.#host, job, blobs, store, signal);
      } finally {
        release();
      }
    });
  }

  async #reset(job: StoredJob): Promise<void> {
    job.attempts = 0;
    job.error = null;
    await this.#setState(await this.#queue(), job, 'queued');
  }

  async #setState(
    store: QueueStore,
    job: StoredJob,
    state: UploadState,
    error: UploadError | null = null,
    nextAttemptAt: number | null = null,
  ): Promise<void> {
    job.state = state;
    await store.put(job);
    this.#progress.setState(job.id, state);
    this.#announce(job, error, nextAttemptAt);
  }

  #announce(job: StoredJob, error: UploadError | null, nextAttemptAt: number | null = null): void {
    this.#dispatch('statechange', this.#snapshot(job, error, nextAttemptAt));
  }

  #snapshot(job: StoredJob, error: UploadError | null, nextAttemptAt: number | null = null): UploadJobSnapshot {
    return {
      id: job.id,
      state: job.state,
      name: job.manifest.source.name,
      attempts: job.attempts,
      error: error ?? (job.error ? restoreUploadError(job.error) : null),
      nextAttemptAt,
    };
  }

  #dispatch<K extends keyof UploaderEventMap>(type: K, detail: UploaderEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/**
 * Creates an uploader. Nothing is opened or sent until the first `enqueue` or `resumeUploads`.
 *
 * @example
 * const uploader = createUploader({ transport: { type: 'tus', endpoint: '/api/tus/' } });
 * await uploader.resumeUploads();
 */
export function createUploader(options: UploaderOptions = {}): Uploader {
  return new Uploader(options);
}
