// The files a drop or a paste brings, with dropped folders walked for their files (as GitHub's
// file-attachment-element does). The entries must be taken during the event itself: a
// DataTransfer is emptied once its event handler returns.

/** Where each file came from: files found inside a dropped folder may be skipped quietly. */
export interface CollectedFiles {
  files: File[];
  fromFolders: ReadonlySet<File>;
}

/** The part of the File and Directory Entries API the walk uses; a test can hand in its own. */
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void };
}

/** Call inside the drop (or paste) handler; the walk itself may finish later. */
export function collectTransfer(data: DataTransfer | null): Promise<CollectedFiles> {
  if (!data) return Promise.resolve({ files: [], fromFolders: new Set() });
  const roots: Array<EntryLike | File> = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    // Null for a synthetic DataTransfer and for pasted images: take the file itself.
    const entry = item.webkitGetAsEntry?.() as EntryLike | null | undefined;
    const file = entry?.isDirectory ? null : item.getAsFile();
    if (entry?.isDirectory) roots.push(entry);
    else if (file) roots.push(file);
  }
  // Some browsers list files only under `files`, not `items`.
  if (roots.length === 0) roots.push(...Array.from(data.files));
  return collectEntries(roots);
}

/** Files as given, folders walked depth first, in the order they were listed. */
export async function collectEntries(roots: ReadonlyArray<EntryLike | File>): Promise<CollectedFiles> {
  const files: File[] = [];
  const fromFolders = new Set<File>();
  for (const root of roots) {
    if (root instanceof File) {
      files.push(root);
      continue;
    }
    for (const file of await walk(root)) {
      files.push(file);
      fromFolders.add(file);
    }
  }
  return { files, fromFolders };
}

async function walk(entry: EntryLike): Promise<File[]> {
  if (entry.isFile && entry.file) {
    const read = entry.file.bind(entry);
    // A file that cannot be read (gone, no permission) is left out; the rest of the folder comes.
    const file = await new Promise<File | null>((resolve) => read(resolve, () => resolve(null)));
    return file ? [file] : [];
  }
  if (!entry.isDirectory || !entry.createReader) return [];
  const reader = entry.createReader();
  const found: File[] = [];
  // readEntries answers in batches (100 in Chrome) until it answers with none.
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (batch.length === 0) return found;
    for (const child of batch) found.push(...(await walk(child)));
  }
}
