// What every transport does: send all versions of one job, report bytes per version, and
// answer with the receiver's receipt. Retrying is the queue's business, not the transport's.
import type { StoredJob } from '../queue-store.ts';
import type { UploadReceipt } from '../../shared/wire.ts';

export interface TransportContext {
  signal: AbortSignal;
  /** Idle timeout per request, in milliseconds. */
  timeout: number;
  /** Bytes of each version the server has (or is being sent), by version name. */
  onProgress(sent: Record<string, number>): void;
  /** Persists transport state (tus URLs) with the job, so another tab can resume it. */
  saveTusUrls(urls: Record<string, string>): Promise<void>;
}

export interface Transport {
  send(job: StoredJob, blobs: Record<string, Blob>, context: TransportContext): Promise<UploadReceipt>;
  /** Frees what the server holds for a cancelled job (tus uploads). */
  discard?(job: StoredJob): Promise<void>;
}
