// The receiver's options, resolved once into a fully-required shape: every limit has a name and
// a default, so handlers never re-check for undefined.
import { join } from 'node:path';
import { defaultAuthorize, type Authorize } from './access.ts';
import type { CorsOptions } from './http/cors.ts';
import { createFileLedger } from './ledger/file-ledger.ts';
import type { UploadLedger } from './ledger/upload-ledger.ts';
import { createDiskStorage } from './storage/disk-storage.ts';
import type { UploadStorage } from './storage/upload-storage.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Every limit the receiver enforces. */
export interface ReceiverLimits {
  /** A body over this many bytes is refused with 413, counted on the bytes read (chunked bodies too). @default 64 MiB */
  maxBodyBytes?: number;
  /** A version declared larger than this is refused with 413 before its bytes are read. @default 32 MiB */
  maxPartBytes?: number;
  /** Versions in one manifest. @default 16 */
  maxVersions?: number;
  /** Bytes of one manifest (the multipart field, the tus metadata, the presign body). @default 256 KiB */
  maxManifestBytes?: number;
  /** Uploads handled at once (multipart POSTs, tus POSTs and PATCHes, presign completions); more get 503 with Retry-After. @default 32 */
  maxConcurrentUploads?: number;
  /** Requests that may wait behind one with the same Idempotency-Key; more get 429 with Retry-After. @default 4 */
  maxWaitersPerKey?: number;
  /** How long a request waits behind one with the same key before 429. Keep it under `idleTimeoutMs`. @default 10 s */
  lockWaitTimeoutMs?: number;
  /** A body that stops moving for this long gets 408 and the connection is closed. @default 30 s */
  idleTimeoutMs?: number;
  /** A request that takes longer than this in all gets 408, and its key's lock is released. @default 15 min */
  requestTimeoutMs?: number;
  /** After an early answer (413, a replay, ...), at most this many more bytes are read and dropped so the client sees the answer; then the connection is closed. @default 1 MiB */
  maxDrainBytes?: number;
  /** ... and for at most this long. @default 5 s */
  drainTimeoutMs?: number;
  /** Uploads begun and never completed (multipart records, tus uploads, presigned objects) are removed after this long. @default 24 h */
  expireAfterMs?: number;
  /** How often expired uploads are looked for (also `receiver.sweep()`). @default 1 h */
  sweepIntervalMs?: number;
}

export interface ReceiverOptions {
  /** The receiver's folder: temporary files, tus uploads, and the default storage (`files/`) and ledger (`ledger/`). */
  dir: string;
  /** Where stored versions go. @default createDiskStorage({ dir }) */
  storage?: UploadStorage;
  /** The idempotency records and the list of stored uploads. @default createFileLedger({ dir: join(dir, 'ledger') }) */
  ledger?: UploadLedger;
  /** Where the routes live: `${basePath}/uploads`, `/tus/`, `/files/`, `/presign`. @default '/api' */
  basePath?: string;
  /** Who may do what; see {@link Authorize}. @default anyone may upload and read, nobody may list or delete */
  authorize?: Authorize;
  /** Cross-origin requests. @default false: no CORS header is sent, so only same-origin pages can call the receiver */
  cors?: CorsOptions | false;
  limits?: ReceiverLimits;
  /** Seconds a presigned PUT URL stays valid. @default 900 */
  presignExpiresIn?: number;
  /** The clock, in milliseconds since the epoch (tests move it). @default Date.now */
  now?: () => number;
  /** Told about failures that became a 500. @default console.error */
  onError?: (error: unknown) => void;
}

export interface ResolvedReceiverOptions {
  dir: string;
  tempDir: string;
  tusDir: string;
  storage: UploadStorage;
  ledger: UploadLedger;
  basePath: string;
  authorize: Authorize;
  cors: CorsOptions | false;
  limits: Required<ReceiverLimits>;
  presignExpiresIn: number;
  now: () => number;
  onError: (error: unknown) => void;
}

export const DEFAULT_LIMITS: Readonly<Required<ReceiverLimits>> = {
  maxBodyBytes: 64 * MiB,
  maxPartBytes: 32 * MiB,
  maxVersions: 16,
  maxManifestBytes: 256 * KiB,
  maxConcurrentUploads: 32,
  maxWaitersPerKey: 4,
  lockWaitTimeoutMs: 10 * SECOND,
  idleTimeoutMs: 30 * SECOND,
  requestTimeoutMs: 15 * MINUTE,
  maxDrainBytes: 1 * MiB,
  drainTimeoutMs: 5 * SECOND,
  expireAfterMs: 24 * HOUR,
  sweepIntervalMs: HOUR,
};

function checkLimits(limits: Required<ReceiverLimits>): Required<ReceiverLimits> {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`invalid receiver limit: ${name} is ${value}`);
  }
  return limits;
}

export function resolveReceiverOptions(options: ReceiverOptions): ResolvedReceiverOptions {
  if (typeof options.dir !== 'string' || options.dir === '') throw new TypeError('receiver options: dir is required');
  const basePath = (options.basePath ?? '/api').replace(/\/+$/, '');
  return {
    dir: options.dir,
    tempDir: join(options.dir, '.tmp'),
    tusDir: join(options.dir, '.tus'),
    storage: options.storage ?? createDiskStorage({ dir: options.dir }),
    ledger: options.ledger ?? createFileLedger({ dir: join(options.dir, 'ledger') }),
    basePath,
    authorize: options.authorize ?? defaultAuthorize,
    cors: options.cors ?? false,
    limits: checkLimits({ ...DEFAULT_LIMITS, ...options.limits }),
    presignExpiresIn: options.presignExpiresIn ?? 900,
    now: options.now ?? Date.now,
    onError: options.onError ?? ((error) => console.error('[imagespec/server]', error)),
  };
}
