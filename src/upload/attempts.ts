// The retry loop of one job: try, check the receipt, and on failure wait (backoff, Retry-After,
// the network) and try again, until it succeeds, fails for good or is aborted. Only a checked
// receipt removes the job and its blobs.
import { clampDelay, retryDelay } from './backoff.ts';
import type { ResolvedUploaderOptions } from './options.ts';
import type { JobProgress, ProgressBook } from './progress.ts';
import type { QueueStore, StoredJob, UploadState } from './queue-store.ts';
import { checkReceipt } from './receipt.ts';
import { storeUploadError } from './stored-error.ts';
import type { Transport } from './transports/transport.ts';
import { sleep, waitForOnline } from './waits.ts';
import { UploadError } from '../shared/errors/upload-error.ts';
import type { UploadReceipt } from '../shared/wire.ts';

/** What the loop needs from its uploader. */
export interface AttemptHost {
  readonly transport: Transport;
  readonly retry: ResolvedUploaderOptions['retry'];
  readonly progress: ProgressBook;
  /** Set by a 429 or 503 with Retry-After: every job of the tab holds back until then (ms since the epoch). */
  pausedUntil: number;
  setState(
    store: QueueStore,
    job: StoredJob,
    state: UploadState,
    error?: UploadError | null,
    nextAttemptAt?: number | null,
  ): Promise<void>;
  /** Announces the job's new state (a `statechange` event). */
  announce(job: StoredJob): void;
  /** Announces bytes sent (a `progress` event). */
  progressed(job: JobProgress): void;
  done(id: string, receipt: UploadReceipt): void;
  failed(id: string, error: UploadError): void;
}

function asUploadError(thrown: unknown): UploadError {
  return thrown instanceof UploadError
    ? thrown
    : new UploadError('NETWORK_ERROR', `upload failed: ${String(thrown)}`, { cause: thrown });
}

export async function runAttempts(
  host: AttemptHost,
  job: StoredJob,
  blobs: Record<string, Blob>,
  store: QueueStore,
  signal: AbortSignal,
): Promise<UploadReceipt> {
  const { retry, progress } = host;
  const totals = Object.fromEntries(
    Object.entries(job.manifest.versions).map(([name, version]) => [name, version.bytes]),
  );
  progress.open(job.id, job.state, totals);
  for (;;) {
    if (!navigator.onLine) {
      await host.setState(store, job, 'waiting-for-network');
      await waitForOnline(signal);
    }
    const pause = host.pausedUntil - Date.now();
    if (pause > 0) await sleep(pause, signal);
    job.attempts++;
    await host.setState(store, job, 'uploading');
    try {
      const answer = await host.transport.send(job, blobs, {
        signal,
        timeout: retry.timeout,
        onProgress: (sent) => {
          const updated = progress.update(job.id, sent);
          if (updated) host.progressed(updated);
        },
        saveTusUrls: async (urls) => {
          job.tusUrls = { ...job.tusUrls, ...urls };
          await store.put(job);
        },
      });
      const receipt = checkReceipt(job.manifest, answer);
      // Acknowledged and checked: the job and its blobs go, and are never uploaded again.
      await store.delete(job.id);
      job.state = 'done';
      progress.setState(job.id, 'done');
      host.announce(job);
      host.done(job.id, receipt);
      return receipt;
    } catch (thrown) {
      const error = asUploadError(thrown);
      if (error.code === 'ABORTED' || signal.aborted) throw error;
      // Offline is not a failure: the network comes back and the job goes on, tries uncounted.
      if (!navigator.onLine && error.retryable) {
        job.attempts--;
        continue;
      }
      if (!error.retryable || job.attempts > retry.retries) {
        job.error = storeUploadError(error);
        await host.setState(store, job, 'failed', error);
        host.failed(job.id, error);
        throw error;
      }
      const delay = retryDelay(job.attempts, error.retryAfter, retry);
      if (error.retryAfter !== null) {
        host.pausedUntil = Math.max(host.pausedUntil, Date.now() + clampDelay(error.retryAfter));
      }
      await host.setState(store, job, 'retrying', error, Date.now() + delay);
      await sleep(delay, signal);
    }
  }
}
