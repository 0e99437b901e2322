// The default storage: files in a folder, put in place by rename (atomic within one file system).
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StoredObject, UploadStorage } from './upload-storage.ts';

export interface DiskStorageOptions {
  /** The folder keys are relative to (stored versions go under its `files/`). */
  dir: string;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Stores versions as files under `dir`.
 *
 * @example
 * createReceiver({ dir: '/var/lib/uploads', storage: createDiskStorage({ dir: '/srv/media' }) });
 */
export function createDiskStorage(options: DiskStorageOptions): UploadStorage {
  const pathOf = (key: string) => join(options.dir, key);
  return {
    async put(key, file) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(file.path, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        // Another file system: copy next to the target first, so the rename stays atomic.
        const temporary = join(dirname(target), `.${randomUUID()}.tmp`);
        try {
          await copyFile(file.path, temporary);
          await rename(temporary, target);
        } finally {
          await rm(temporary, { force: true });
        }
      }
    },
    async get(key): Promise<StoredObject | null> {
      try {
        const info = await stat(pathOf(key));
        if (!info.isFile()) return null;
        return { body: createReadStream(pathOf(key)), bytes: info.size };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
