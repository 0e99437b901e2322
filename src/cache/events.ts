// What the cache tells its caller instead of throwing: every failure and every eviction.
import type { CacheUnavailableReason } from './open.ts';

/** Something the cache could not do, or did on its own. Reported, never thrown. */
export type CacheEvent =
  | {
      type: 'unavailable';
      /** `unsupported`: no IndexedDB; `open-failed`: it refused (private mode, disabled, a newer schema on disk); `blocked`/`timeout`: another tab kept it from opening in time. */
      reason: CacheUnavailableReason;
      message: string;
      error?: unknown;
    }
  | {
      /** A variant was produced but not cached; processing went on. */
      type: 'skipped';
      /** `quota`: the origin's storage is full, even after evicting; `over-budget`: the variant alone is larger than the budget. */
      reason: 'quota' | 'over-budget' | 'write-failed';
      /** The spec's name, when known. */
      spec?: string;
      source: string;
      fingerprint: string;
      bytes: number;
      message: string;
      error?: unknown;
    }
  | {
      /** Least recently used entries made room for new ones. */
      type: 'evicted';
      entries: number;
      bytes: number;
    }
  | {
      /** A read or an explicit `clear`/`delete`/`usage` failed; a failed lookup counts as a miss. */
      type: 'failed';
      operation: 'lookup' | 'clear' | 'delete' | 'usage';
      message: string;
      error: unknown;
    }
  | {
      /**
       * A file picked under the name, size and last-modified time of one seen before was served
       * that one's cached versions at once, and its bytes then turned out to differ: those
       * versions are another photo's. The uploader refuses that result (`INVALID_INPUT`); the
       * link is forgotten, so processing the file again makes its own versions.
       */
      type: 'file-mismatch';
      /** The hash of the photo whose versions were served. */
      served: string;
      /** The hash of the file's own bytes. */
      source: string;
      message: string;
    }
  | {
      /** The answer to `navigator.storage.persist()`, asked once when `persist` is set. */
      type: 'persisted';
      persisted: boolean;
    };
