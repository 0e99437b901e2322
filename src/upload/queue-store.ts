// The queue's memory: jobs in IndexedDB (its own database, so the cache's schema versions never
// meet ours). A job holds its own copies of the version blobs: IndexedDB copies a Blob when it
// stores it, so the job survives the cache evicting the same bytes, and a closed tab. Where the
// browser refuses Blobs (Safari's private browsing), the bytes are stored as ArrayBuffers.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StoredUploadError } from './stored-error.ts';
import type { UploadManifest } from '../shared/wire.ts';

/** Where a job is in its life. Done jobs are removed from the queue. */
export type UploadState = 'queued' | 'uploading' | 'waiting-for-network' | 'retrying' | 'done' | 'failed';

/** Which transport a job was queued for. */
export type TransportName = 'multipart' | 'tus' | 'presigned';

/** One image's upload as the queue keeps it. */
export interface StoredJob {
  /** The manifest's upload id. */
  id: string;
  createdAt: number;
  state: UploadState;
  transport: TransportName;
  manifest: UploadManifest;
  /** Tries made so far (the first one included). */
  attempts: number;
  /** Why the job failed, for a failed job. */
  error: StoredUploadError | null;
  /** tus upload URLs by version, so a new tab resumes from the server's offset. */
  tusUrls: Record<string, string>;
}

/** A version's bytes where the browser will not store a Blob. */
interface StoredBytes {
  type: string;
  bytes: ArrayBuffer;
}

// Blobs live in their own store, written once at enqueue: state changes rewrite only the small
// job record, never the version bytes.
interface UploadDatabase extends DBSchema {
  jobs: { key: string; value: StoredJob; indexes: { createdAt: number } };
  blobs: { key: string; value: Record<string, Blob | StoredBytes> };
}

/** What the uploader needs from storage. */
export interface QueueStore {
  get(id: string): Promise<StoredJob | undefined>;
  /** The job's own copies of its version blobs, by version name. */
  getBlobs(id: string): Promise<Record<string, Blob> | undefined>;
  /** Adds a job with its blobs, both or neither. */
  add(job: StoredJob, blobs: Record<string, Blob>): Promise<void>;
  /** Updates a job's record (its blobs stay). */
  put(job: StoredJob): Promise<void>;
  /** Removes a job and its blobs. */
  delete(id: string): Promise<void>;
  /** Oldest first. */
  all(): Promise<StoredJob[]>;
}

/** The default database name. */
export const UPLOAD_DATABASE = 'imagespec-uploads';

class IndexedDbQueueStore implements QueueStore {
  readonly #db: Promise<IDBPDatabase<UploadDatabase>>;
  /** Set once a Blob write failed where the same bytes as ArrayBuffers did not. */
  #blobsRefused = false;

  constructor(db: Promise<IDBPDatabase<UploadDatabase>>) {
    this.#db = db;
  }

  async get(id: string) {
    return (await this.#db).get('jobs', id);
  }

  async getBlobs(id: string) {
    const stored = await (await this.#db).get('blobs', id);
    if (!stored) return undefined;
    const blobs: Record<string, Blob> = {};
    for (const [name, value] of Object.entries(stored))
      blobs[name] = value instanceof Blob ? value : new Blob([value.bytes], { type: value.type });
    return blobs;
  }

  async add(job: StoredJob, blobs: Record<string, Blob>) {
    if (!this.#blobsRefused) {
      try {
        return await this.#write(job, blobs);
      } catch (error) {
        // A full quota is not the Blobs' fault: the same bytes would not fit either.
        if ((error as { name?: unknown } | null)?.name === 'QuotaExceededError') throw error;
      }
    }
    await this.#write(job, await asBytes(blobs));
    this.#blobsRefused = true;
  }

  async #write(job: StoredJob, blobs: UploadDatabase['blobs']['value']) {
    const transaction = (await this.#db).transaction(['jobs', 'blobs'], 'readwrite');
    try {
      await Promise.all([
        // The blobs first: WebKit wedges a transaction whose Blob it cannot store when an earlier
        // request of it is still pending; with the blobs first, it aborts and the bytes go in.
        transaction.objectStore('blobs').put(blobs, job.id),
        transaction.objectStore('jobs').put(job),
        transaction.done,
      ]);
    } catch (error) {
      // An aborted transaction fails its other requests with a bare AbortError; the cause is here.
      throw transaction.error ?? error;
    }
  }

  async put(job: StoredJob) {
    await (await this.#db).put('jobs', job);
  }

  async delete(id: string) {
    const transaction = (await this.#db).transaction(['jobs', 'blobs'], 'readwrite');
    await Promise.all([
      transaction.objectStore('jobs').delete(id),
      transaction.objectStore('blobs').delete(id),
      transaction.done,
    ]);
  }

  async all() {
    return (await this.#db).getAllFromIndex('jobs', 'createdAt');
  }
}

/** The versions' bytes as ArrayBuffers, each with its type. */
async function asBytes(blobs: Record<string, Blob>): Promise<Record<string, StoredBytes>> {
  const entries = await Promise.all(
    Object.entries(blobs).map(async ([name, blob]) => [name, { type: blob.type, bytes: await blob.arrayBuffer() }]),
  );
  return Object.fromEntries(entries) as Record<string, StoredBytes>;
}

/** Where a browser without IndexedDB (some private modes) keeps the queue: for this page only. */
class MemoryQueueStore implements QueueStore {
  readonly #jobs = new Map<string, StoredJob>();
  readonly #blobs = new Map<string, Record<string, Blob>>();
  async get(id: string) {
    return this.#jobs.get(id);
  }
  async getBlobs(id: string) {
    return this.#blobs.get(id);
  }
  async add(job: StoredJob, blobs: Record<string, Blob>) {
    this.#jobs.set(job.id, job);
    this.#blobs.set(job.id, blobs);
  }
  async put(job: StoredJob) {
    this.#jobs.set(job.id, job);
  }
  async delete(id: string) {
    this.#jobs.delete(id);
    this.#blobs.delete(id);
  }
  async all() {
    return [...this.#jobs.values()].sort((a, b) => a.createdAt - b.createdAt);
  }
}

/**
 * Opens the queue. Falls back to memory when IndexedDB cannot be opened: uploads still work,
 * they just do not survive the tab.
 */
export async function openQueueStore(name: string = UPLOAD_DATABASE): Promise<QueueStore> {
  try {
    const db = openDB<UploadDatabase>(name, 1, {
      upgrade(database) {
        database.createObjectStore('jobs', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
        database.createObjectStore('blobs');
      },
    });
    await db;
    return new IndexedDbQueueStore(db);
  } catch {
    return new MemoryQueueStore();
  }
}
