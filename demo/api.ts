// The receiver's routes the gallery reads and changes: the list of stored photos and their
// deletion. The upload itself goes through imagespec's upload queue, not through here.
import type { UploadSummary, VersionSummary } from '../server/index.ts';

/** One stored version, as the receiver lists it (served with `nosniff`, as its sniffed type or as an attachment). */
export type StoredVersion = VersionSummary;

/** One stored photo: every version of one upload, and the source as sent. */
export type StoredPhoto = UploadSummary;

const UPLOADS = '/api/uploads';

async function failure(response: Response, what: string): Promise<Error> {
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  return new Error(`${what}: ${body?.message ?? `${response.status} ${response.statusText}`}`);
}

/** Every photo the receiver has stored, newest first. */
export async function listPhotos(signal?: AbortSignal): Promise<StoredPhoto[]> {
  const response = await fetch(UPLOADS, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal: signal ?? null,
  });
  if (!response.ok) throw await failure(response, 'listing the stored photos failed');
  const { uploads } = (await response.json()) as { uploads: StoredPhoto[] };
  return uploads;
}

/** Deletes a photo's files and its record on the receiver; a photo already gone counts as deleted. */
export async function deletePhoto(uploadId: string): Promise<void> {
  const response = await fetch(`${UPLOADS}/${encodeURIComponent(uploadId)}`, { method: 'DELETE' });
  if (!response.ok && response.status !== 404) throw await failure(response, `deleting photo ${uploadId} failed`);
}
