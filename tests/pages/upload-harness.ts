// The page side of the upload tests: makes results with processImage (or by hand, for bytes a
// real result could never hold), runs an uploader, and records its events with timestamps.
import { grayscale, processImage, resizeToFill } from '../../src/index.ts';
import { sha256Hex } from '../../src/shared/fingerprint.ts';
import type { UploadInput } from '../../src/upload/manifest.ts';
import type { UploaderOptions } from '../../src/upload/options.ts';
import type { PresignedRequest } from '../../src/upload/transports/presigned.ts';
import { isImageSpecError } from '../../src/index.ts';
import { createUploader, type Uploader } from '../../src/upload/uploader.ts';
import { openQueueStore } from '../../src/upload/queue-store.ts';
import { UploadError } from '../../src/shared/errors/upload-error.ts';
import type { UploadManifest, UploadReceipt } from '../../src/shared/wire.ts';

/** The specs every upload test uses: small, so that processing takes milliseconds. */
const SPECS = {
  thumbnail: { processors: [resizeToFill(100, 75)], format: 'image/jpeg', quality: 0.85 },
  display: { processors: [resizeToFill(200, 400), grayscale()], format: 'image/png' },
  original: { original: true },
} as const;

export interface MadeResult {
  key: string;
  /** SHA-256 of each version's bytes as the client produced them. */
  versions: Record<string, string>;
}

export type JobOutcome =
  | { ok: true; receipt: UploadReceipt | null }
  | {
      ok: false;
      error: {
        name: string;
        code?: string;
        status?: number;
        serverMessage?: string;
        message: string;
        isUploadError: boolean;
      };
    };

export interface HarnessUploaderOptions {
  transport?: 'multipart' | 'tus' | 'presigned';
  /** Multipart or tus: another endpoint than the receiver's own. */
  endpoint?: string;
  /** Multipart or tus: extra request headers. */
  headers?: Record<string, string>;
  /** Multipart: send cookies to a cross-origin endpoint. */
  withCredentials?: boolean;
  chunkSize?: number;
  retry?: UploaderOptions['retry'];
  concurrency?: number;
}

const results = new Map<string, UploadInput>();
const handles = new Map<string, Promise<UploadReceipt | null>>();
const events: Array<{
  type: string;
  at: number;
  id: string;
  state?: string;
  sent?: number;
  total?: number;
  queueSent?: number;
  queueTotal?: number;
  versions?: Record<string, number>;
}> = [];
let uploader: Uploader | undefined;
let made = 0;

async function remember(result: UploadInput): Promise<MadeResult> {
  const key = `result-${++made}`;
  results.set(key, result);
  const versions: Record<string, string> = {};
  for (const [name, variant] of Object.entries(result.variants))
    versions[name] = await sha256Hex(await variant.blob.arrayBuffer());
  return { key, versions };
}

/** The test specs plus a second thumbnail made the same way: two versions, same bytes. */
const TWIN_SPECS = { ...SPECS, thumbnailTwin: SPECS.thumbnail } as const;

/** Runs the test specs on a file the test served at `url`. */
async function makeResult(url: string, name: string, twins = false): Promise<MadeResult> {
  const blob = await (await fetch(url)).blob();
  return remember(await processImage(new File([blob], name), twins ? TWIN_SPECS : SPECS));
}

/** A result built by hand from served bytes, each declared with the type the test chooses. */
async function makeRawResult(name: string, parts: Record<string, { url: string; type: string }>): Promise<MadeResult> {
  const variants: UploadInput['variants'] = {};
  let sourceSha = '';
  for (const [version, part] of Object.entries(parts)) {
    const blob = await (await fetch(part.url)).blob();
    sourceSha ||= await sha256Hex(await blob.arrayBuffer());
    variants[version] = {
      blob,
      width: 1,
      height: 1,
      type: part.type,
      fingerprint: version === 'original' ? '' : `raw-${version}`,
    };
  }
  const source = { name, width: 1, height: 1, type: 'image/jpeg', bytes: 0, sha256: sourceSha };
  return remember({ source, variants });
}

/** What a site's presign callbacks do with an error answer: fail the job with the server's words. */
async function throwUnlessOk(response: Response): Promise<void> {
  if (response.ok) return;
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  throw new UploadError('HTTP_ERROR', `presign failed: ${response.status}`, {
    status: response.status,
    serverMessage: body.message ?? '',
  });
}

const presigned = {
  type: 'presigned' as const,
  async getUrls(
    manifest: UploadManifest,
    versions: string[],
    signal: AbortSignal,
  ): Promise<Record<string, PresignedRequest>> {
    const query = versions.length === 1 ? `?version=${encodeURIComponent(versions[0]!)}` : '';
    const response = await fetch(`/api/presign${query}`, {
      method: 'POST',
      body: JSON.stringify({ manifest }),
      signal,
    });
    await throwUnlessOk(response);
    return ((await response.json()) as { urls: Record<string, PresignedRequest> }).urls;
  },
  async complete(manifest: UploadManifest, signal: AbortSignal): Promise<UploadReceipt> {
    const response = await fetch('/api/presign/complete', {
      method: 'POST',
      body: JSON.stringify({ manifest }),
      signal,
    });
    await throwUnlessOk(response);
    return (await response.json()) as UploadReceipt;
  },
};

function start(options: HarnessUploaderOptions = {}): void {
  const headers = options.headers ? { headers: options.headers } : {};
  const transport =
    options.transport === 'tus'
      ? {
          type: 'tus' as const,
          endpoint: options.endpoint ?? '/api/tus/',
          ...headers,
          ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
        }
      : options.transport === 'presigned'
        ? presigned
        : {
            type: 'multipart' as const,
            endpoint: options.endpoint ?? '/api/uploads',
            ...headers,
            ...(options.withCredentials === undefined ? {} : { withCredentials: options.withCredentials }),
          };
  uploader = createUploader({
    transport,
    retry: { baseDelay: 100, maxDelay: 2000, timeout: 5000, ...options.retry },
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  uploader.addEventListener('statechange', ({ detail }) =>
    events.push({ type: 'state', at: Date.now(), id: detail.id, state: detail.state }),
  );
  uploader.addEventListener('progress', ({ detail }) => {
    const versions = Object.fromEntries(
      Object.entries(detail.job.versions).map(([name, version]) => [name, version.sent]),
    );
    events.push({
      type: 'progress',
      at: Date.now(),
      id: detail.job.id,
      sent: detail.job.sent,
      total: detail.job.total,
      queueSent: detail.queue.sent,
      queueTotal: detail.queue.total,
      versions,
    });
  });
  uploader.addEventListener('done', ({ detail }) => events.push({ type: 'done', at: Date.now(), id: detail.id }));
  uploader.addEventListener('failed', ({ detail }) => events.push({ type: 'failed', at: Date.now(), id: detail.id }));
}

function active(): Uploader {
  if (!uploader) throw new Error('call uploadHarness.start() first');
  return uploader;
}

const controllers = new Map<string, AbortController>();

async function enqueue(key: string): Promise<string> {
  const controller = new AbortController();
  const handle = await active().enqueue(results.get(key)!, { signal: controller.signal });
  controllers.set(handle.id, controller);
  handles.set(handle.id, handle.done);
  return handle.id;
}

async function resume(): Promise<string[]> {
  const started = await active().resumeUploads();
  for (const handle of started) handles.set(handle.id, handle.done);
  return started.map((handle) => handle.id);
}

async function retry(id: string): Promise<void> {
  const handle = await active().retry(id);
  handles.set(handle.id, handle.done);
}

async function outcome(id: string): Promise<JobOutcome> {
  try {
    return { ok: true, receipt: await handles.get(id)! };
  } catch (error) {
    const e = error as { name?: string; code?: string; status?: number; serverMessage?: string; message?: string };
    return {
      ok: false,
      error: {
        name: String(e.name),
        message: String(e.message),
        isUploadError: isImageSpecError(error) && error.name === 'UploadError',
        ...(e.code ? { code: e.code } : {}),
        ...(e.status === undefined ? {} : { status: e.status }),
        ...(e.serverMessage === undefined ? {} : { serverMessage: e.serverMessage }),
      },
    };
  }
}

async function list() {
  return (await active().list()).map(({ error, ...rest }) => ({
    ...rest,
    error: error ? { code: error.code, status: error.status } : null,
  }));
}

/** SHA-256 of each blob the queue still holds for a job, by version; null when it holds none. */
async function blobHashes(id: string): Promise<Record<string, string> | null> {
  const blobs = await (await openQueueStore()).getBlobs(id);
  if (!blobs) return null;
  const hashes: Record<string, string> = {};
  for (const [name, blob] of Object.entries(blobs)) hashes[name] = await sha256Hex(await blob.arrayBuffer());
  return hashes;
}

const harness = {
  blobHashes,
  makeResult,
  makeRawResult,
  start,
  enqueue,
  resume,
  retry,
  outcome,
  list,
  cancel: (id: string) => controllers.get(id)?.abort(),
  events: () => events,
};

declare global {
  interface Window {
    uploadHarness: typeof harness;
  }
}
window.uploadHarness = harness;
document.body.dataset['ready'] = 'true';
