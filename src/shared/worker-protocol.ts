/** The messages between the pool and its workers: plain data, blobs by reference. */
import type { ImageHeader } from './header.ts';
import type { ResolvedImageSpec } from './specs.ts';
import type { EncodedVariant } from './variant.ts';

/** Where a file is in its processing. */
export type ProcessingStage = 'queued' | 'decode' | 'process' | 'encode' | 'done';

export interface WorkerJob {
  file: Blob;
  header: ImageHeader;
  specs: ResolvedImageSpec[];
  /** The largest canvas the worker may make, in pixels; a default when absent. */
  maxCanvasPixels?: number;
  /** The file's hex SHA-256 where the page knows it already (a lazy version); else the worker hashes what it reads. */
  sha256?: string;
}

/**
 * Asked by the worker once it has read and hashed the file: the indexes of the job's specs the
 * page has already (its cache, looked up by that hash). The worker makes only the others.
 */
export type WhichCached = (sha256: string) => Promise<number[]>;

export interface WorkerProgress {
  stage: ProcessingStage;
  /** The spec being processed or encoded, for those stages. */
  spec?: string;
}

export interface WorkerJobResult {
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Size after EXIF orientation; undefined when every spec was cached, so nothing was decoded. */
  size: { width: number; height: number } | undefined;
  /** One per spec made: the job's specs but the cached ones, in order. */
  variants: EncodedVariant[];
}

/** What a worker exposes through comlink. */
export interface WorkerApi {
  process(
    job: WorkerJob,
    onProgress: (progress: WorkerProgress) => void,
    whichCached?: WhichCached,
  ): Promise<WorkerJobResult>;
  /** Hex SHA-256 of the file's bytes, read and hashed in the worker (`READ_FAILED` when it cannot be read). */
  hash(file: Blob): Promise<string>;
  /**
   * Takes a Web Lock for the worker's lifetime: the pool waits on the same lock name and is
   * granted it when the worker dies, however it dies.
   */
  holdLifeLock(name: string): Promise<void>;
}
