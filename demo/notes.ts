// What this browser measured while it made a photo's versions, kept in localStorage so that a
// profile still says it after a reload: the time taken, keyed by the source's SHA-256 (which the
// receiver lists too), and which upload job carries which source (so a photo still waiting in
// the upload queue can show its cached thumbnail). Photos made in another browser have no note.

/** What one browser knows of one photo it made. */
export interface LocalNote {
  /** Milliseconds in the worker, from decoding the photo to its last version. */
  ms: number;
  /** `Date.now()` when the versions were made. */
  madeAt: number;
  /**
   * SHA-256 of the file as picked. imagespec's cache is keyed by that hash, while the source the
   * receiver lists is the file as sent, here without its GPS position.
   */
  picked: { sha256: string };
}

interface Notes {
  bySource: Record<string, LocalNote>;
  /** Upload job id -> source SHA-256. */
  uploads: Record<string, string>;
}

const KEY = 'imagespec-demo:notes';

function load(): Notes {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Notes> | null;
    return { bySource: stored?.bySource ?? {}, uploads: stored?.uploads ?? {} };
  } catch {
    return { bySource: {}, uploads: {} };
  }
}

let notes: Notes | undefined;

function current(): Notes {
  notes ??= load();
  return notes;
}

function save(): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(current()));
  } catch {
    // Storage refused (private mode, quota): the notes last as long as the page.
  }
}

export function recordMade(sha256: string, note: Omit<LocalNote, 'madeAt'>): void {
  current().bySource[sha256] = { ...note, madeAt: Date.now() };
  save();
}

/** The key of a photo's versions in imagespec's cache: the hash of the file as picked, when known. */
export function cacheKeyOf(sha256: string): string {
  // Notes from before `picked` was kept have none.
  return current().bySource[sha256]?.picked?.sha256 ?? sha256;
}

export function recordUpload(uploadId: string, sha256: string): void {
  if (current().uploads[uploadId] === sha256) return;
  current().uploads[uploadId] = sha256;
  save();
}

export function noteFor(sha256: string): LocalNote | undefined {
  return current().bySource[sha256];
}

/** The source SHA-256 of an upload job this browser started. */
export function sourceOfUpload(uploadId: string): string | undefined {
  return current().uploads[uploadId];
}

/** Forgets a photo: its note and its upload links. */
export function forget(sha256: string): void {
  const { bySource, uploads } = current();
  delete bySource[sha256];
  for (const [uploadId, source] of Object.entries(uploads)) if (source === sha256) delete uploads[uploadId];
  save();
}
