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
}

export interface WorkerProgress {
  stage: ProcessingStage;
  /** The spec being processed or encoded, for those stages. */
  spec?: string;
}

export interface WorkerJobResult {
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  variants: EncodedVariant[];
}

/** What a worker exposes through comlink. */
export interface WorkerApi {
  process(job: WorkerJob, onProgress: (progress: WorkerProgress) => void): Promise<WorkerJobResult>;
  /** Hex SHA-256 of the file's bytes, read and hashed in the worker (`READ_FAILED` when it cannot be read). */
  hash(file: Blob): Promise<string>;
  /**
   * Takes a Web Lock for the worker's lifetime: the pool waits on the same lock name and is
   * granted it when the worker dies, however it dies.
   */
  holdLifeLock(name: string): Promise<void>;
}
