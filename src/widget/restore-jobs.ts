// After a reload: the queue's unfinished jobs, to be listed again with their state. A job keeps
// its own copies of the version blobs in the queue's database; the row's preview is read from
// there (the small version, never the original), so no file is decoded or processed again.
import { openQueueStore, type QueueStore, type UploadState } from '../upload/queue-store.ts';
import type { Uploader, UploadJobSnapshot } from '../upload/uploader.ts';
import { Entry, type ItemState } from './entry.ts';
import { previewVersion } from './versions.ts';

/** The widget's state for a queue state. */
export function itemStateOf(state: UploadState): ItemState {
  return state === 'done' ? 'uploaded' : state;
}

/** A job to list again. */
export interface RestoredJob {
  snapshot: UploadJobSnapshot;
  /** The source file's size. */
  bytes: number;
  preview: Blob | null;
}

let store: Promise<QueueStore> | undefined;

/**
 * The queue's jobs not done and not `known` yet, oldest first. Previews come from the queue's
 * default database; an uploader given its own `database` lists its jobs without them.
 */
export async function restoreJobs(uploader: Uploader, known: (id: string) => boolean): Promise<RestoredJob[]> {
  const jobs = (await uploader.list()).filter((job) => job.state !== 'done' && !known(job.id));
  if (jobs.length === 0) return [];
  store ??= openQueueStore();
  const queue = await store;
  return Promise.all(
    jobs.map(async (snapshot) => {
      const stored = await queue.get(snapshot.id);
      const name = stored ? previewVersion(stored.manifest.versions) : null;
      const blobs = name ? await queue.getBlobs(snapshot.id) : undefined;
      return { snapshot, bytes: stored?.manifest.source.bytes ?? 0, preview: (name && blobs?.[name]) || null };
    }),
  );
}

/** A job's row: its name and size, its state and preview, the error it failed with. */
export function restoredEntry({ snapshot, bytes, preview }: RestoredJob): Entry {
  const entry = new Entry(snapshot.name, bytes, itemStateOf(snapshot.state), null);
  entry.uploadId = snapshot.id;
  if (preview) entry.showPreview(preview);
  if (snapshot.error) {
    entry.error = snapshot.error;
    entry.failedIn = 'uploading';
  }
  return entry;
}
