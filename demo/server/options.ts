// The receiver's settings, resolved once from the plugin's arguments and the environment into a
// fully-required shape, so that the handlers never re-check for undefined.
import { resolve } from 'node:path';

/** Where presigned PUTs go: an S3-compatible server the demo signs URLs for. */
export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Seconds a presigned URL stays valid. */
  expiresIn: number;
}

export interface ReceiverOptions {
  /** Folder for stored files, the ledger, idempotency records and tus uploads. @default $IMAGESPEC_UPLOAD_DIR or demo/uploads */
  dir?: string;
  /** A request body larger than this is refused with 413 before it is read. @default $IMAGESPEC_UPLOAD_MAX_BODY or 64 MiB */
  maxBodyBytes?: number;
  /** One version larger than this is refused with 413 as soon as it is declared or exceeded. @default $IMAGESPEC_UPLOAD_MAX_PART or 32 MiB */
  maxPartBytes?: number;
  /** Honour the fault-injection control endpoint. Never on in production. @default $IMAGESPEC_UPLOAD_FAULTS === '1' */
  faults?: boolean;
  /** Presigned PUTs: off unless given (or $IMAGESPEC_S3_ENDPOINT is set). */
  s3?: S3Settings;
}

export type ResolvedReceiverOptions = Required<Omit<ReceiverOptions, 's3'>> & { s3: S3Settings | null };

const MiB = 1024 * 1024;

function numberFrom(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

function s3FromEnv(env: NodeJS.ProcessEnv): S3Settings | null {
  if (!env['IMAGESPEC_S3_ENDPOINT']) return null;
  return {
    endpoint: env['IMAGESPEC_S3_ENDPOINT'],
    bucket: env['IMAGESPEC_S3_BUCKET'] ?? 'imagespec',
    region: env['IMAGESPEC_S3_REGION'] ?? 'us-east-1',
    accessKeyId: env['IMAGESPEC_S3_ACCESS_KEY_ID'] ?? 'S3RVER',
    secretAccessKey: env['IMAGESPEC_S3_SECRET_ACCESS_KEY'] ?? 'S3RVER',
    expiresIn: numberFrom(env['IMAGESPEC_S3_EXPIRES_IN'], 900),
  };
}

export function resolveReceiverOptions(
  options: ReceiverOptions,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedReceiverOptions {
  return {
    dir: resolve(root, options.dir ?? env['IMAGESPEC_UPLOAD_DIR'] ?? 'demo/uploads'),
    maxBodyBytes: options.maxBodyBytes ?? numberFrom(env['IMAGESPEC_UPLOAD_MAX_BODY'], 64 * MiB),
    maxPartBytes: options.maxPartBytes ?? numberFrom(env['IMAGESPEC_UPLOAD_MAX_PART'], 32 * MiB),
    faults: options.faults ?? env['IMAGESPEC_UPLOAD_FAULTS'] === '1',
    s3: options.s3 ?? s3FromEnv(env),
  };
}
