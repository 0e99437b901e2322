/** The messages between the pool and its workers: plain data, blobs by reference. */
import type { ImageHeader, SourceFormat } from './header.ts';
import type { StripMode } from './metadata/types.ts';
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
  /** The file's bytes where the worker that hashed the file read them (transferred, not copied); else the worker reads `file`. */
  bytes?: ArrayBuffer | undefined;
}

/** What a hash job makes besides the file's hash. */
export interface HashRequest {
  /** Hand back the bytes read (transferred), for the processing worker. */
  keepBytes: boolean;
  /** Also make the original version without this metadata (where the bytes are already), and hash it. */
  strip?: { format: SourceFormat; mode: StripMode } | undefined;
}

/** A file read and hashed. */
export interface HashedFile {
  /** Lower-case hex SHA-256 of every byte. */
  sha256: string;
  /** The bytes read, where they were asked for (transferred, not copied). */
  bytes?: ArrayBuffer;
  /** The original version with the metadata asked removed, and its hash, where it was asked for. */
  stripped?: { blob: Blob; sha256: string };
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
  /** Reads and hashes a file (`READ_FAILED` when it cannot be read), handing back its bytes with `keepBytes`. */
  hash(file: Blob, request: HashRequest): Promise<HashedFile>;
  /**
   * Takes a Web Lock for the worker's lifetime: the pool waits on the same lock name and is
   * granted it when the worker dies, however it dies.
   */
  holdLifeLock(name: string): Promise<void>;
}
