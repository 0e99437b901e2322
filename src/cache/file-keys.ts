// The file keys (`fileKey`: name, size and time) a source was picked under, so that a file picked
// again finds its source before its bytes are hashed (see served-early.ts).
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { CacheDatabase, CacheSchema, SourceRecord } from './schema.ts';

/** How many file keys one source remembers: a photo picked again from a few copies or names. */
const FILES_PER_SOURCE = 4;

/**
 * Puts `file` first among `record`'s file keys. A file key names one content at a time: a
 * source that held it before (the file changed on disk, keeping its name, size and time) drops it.
 */
export async function rememberFile<Stores extends ArrayLike<StoreNames<CacheSchema>>>(
  sources: IDBPObjectStore<CacheSchema, Stores, 'sources', 'readwrite'>,
  record: SourceRecord,
  file: string,
): Promise<void> {
  const others = await sources.index('by-file').getAll(file);
  await Promise.all([
    ...others
      .filter((other) => other.source !== record.source)
      .map((other) => sources.put({ ...other, files: other.files!.filter((known) => known !== file) })),
    sources.put({ ...record, files: withFile(record.files, file) }),
  ]);
}

/** Drops `file` from the file keys of `source`, if it holds it. */
export async function unlinkFile(db: CacheDatabase, file: string, source: string): Promise<void> {
  const tx = db.transaction('sources', 'readwrite');
  const record = await tx.store.get(source);
  if (record?.files?.includes(file))
    await tx.store.put({ ...record, files: record.files.filter((known) => known !== file) });
  await tx.done;
}

function withFile(files: readonly string[] | undefined, file: string): string[] {
  return [file, ...(files ?? []).filter((known) => known !== file)].slice(0, FILES_PER_SOURCE);
}
