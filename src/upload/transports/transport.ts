// What every transport does: send all versions of one job, report bytes per version, and
// answer with what the receiver said of them (its receipt, unchecked: the queue checks it).
// Retrying is the queue's business, not the transport's.
import type { StoredJob } from '../queue-store.ts';

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
  /** Sends every version; resolves with the receiver's receipt as it came, for the queue to check. */
  send(job: StoredJob, blobs: Record<string, Blob>, context: TransportContext): Promise<unknown>;
  /** Frees what the server holds for a cancelled job (tus uploads). */
  discard?(job: StoredJob): Promise<void>;
}
