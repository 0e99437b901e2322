// tus: one tus upload per version (never shared: each has its own fingerprint, so two versions
// of the same size and type stay apart), the manifest in its metadata. Upload URLs are kept
// with the job in IndexedDB, so a retry, a reload or another tab resumes from the server's
// offset. tus-js-client's own retries are off: the queue retries, with its own backoff.
// tus-js-client is loaded on first use, so sites on the other transports never download it.
import type { DetailedError, Upload as TusUpload } from 'tus-js-client';
import { parseRetryAfter } from '../backoff.ts';
import type { StoredJob } from '../queue-store.ts';
import { onAbort } from '../../shared/abort.ts';
import { UploadError } from '../../shared/errors/upload-error.ts';
import { RECEIPT_HEADER, type StoredVersion } from '../../shared/wire.ts';
import type { Transport, TransportContext } from './transport.ts';
import { serverMessageOf } from './xhr.ts';

/** Options of the tus transport: the few of tus-js-client's that a site needs. */
export interface TusTransportOptions {
  type: 'tus';
  /** The tus creation endpoint. @default '/api/tus/' */
  endpoint?: string;
  /** Bytes per PATCH request; smaller chunks lose less to a cut connection. @default Infinity (one PATCH) */
  chunkSize?: number;
  /** Extra request headers. @default {} */
  headers?: Record<string, string>;
}

/** The version's receipt from the last answer (the final PATCH, or the HEAD of a finished upload); null when absent or unreadable. */
function receiptFrom(header: string | undefined | null): StoredVersion | null {
  if (!header) return null;
  try {
    return JSON.parse(header) as StoredVersion;
  } catch {
    return null;
  }
}

/** tus-js-client's error, turned into ours: a status when the server answered, else a network error. */
function toUploadError(error: Error | DetailedError, version: string): UploadError {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  const status = response?.getStatus() ?? 0;
  if (status === 0)
    return new UploadError('NETWORK_ERROR', `network error: tus upload of ${version} got no answer`, { cause: error });
  const serverMessage = serverMessageOf(response?.getBody() ?? '').trim();
  return new UploadError(
    'HTTP_ERROR',
    `upload failed: tus upload of ${version} answered ${status}${serverMessage ? ` (${serverMessage})` : ''}`,
    {
      status,
      serverMessage,
      retryAfter: parseRetryAfter(response?.getHeader('Retry-After') ?? null),
      cause: error,
      // 409: our offset is stale (a browser may replay a PATCH cut on a reused connection), and
      // 423: the upload is still locked by the request that was cut. Both heal with a HEAD and a retry.
      ...(status === 409 || status === 423 ? { retryable: true } : {}),
    },
  );
}

let tusClient: Promise<typeof import('tus-js-client')> | undefined;

function loadTus(): Promise<typeof import('tus-js-client')> {
  tusClient ??= import('tus-js-client');
  return tusClient;
}

function uploadVersion(
  Upload: typeof TusUpload,
  job: StoredJob,
  name: string,
  blob: Blob,
  endpoint: string,
  options: TusTransportOptions,
  context: TransportContext,
  onSent: (bytes: number) => void,
): Promise<StoredVersion | null> {
  const version = job.manifest.versions[name]!;
  return new Promise((resolve, reject) => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    let stopListening = () => {};
    const settle = () => {
      clearTimeout(idle);
      stopListening();
    };
    // tus-js-client has no request timeout: an idle timer abandons a request that stopped moving.
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        settle();
        void upload.abort(false);
        reject(
          new UploadError('TIMEOUT', `timed out: tus upload of ${name} made no progress for ${context.timeout} ms`),
        );
      }, context.timeout);
    };
    const upload = new Upload(blob, {
      endpoint,
      uploadUrl: job.tusUrls[name] ?? null,
      metadata: {
        uploadId: job.id,
        version: name,
        manifest: JSON.stringify(job.manifest),
        filetype: version.type,
        filename: version.part,
      },
      headers: options.headers ?? {},
      ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
      retryDelays: null,
      // Our own key per (upload, version); URLs are stored by the queue, not in localStorage.
      fingerprint: async () => `imagespec:${job.id}:${name}`,
      storeFingerprintForResuming: false,
      onUploadUrlAvailable: () => {
        if (upload.url) void context.saveTusUrls({ [name]: upload.url });
      },
      onProgress: (sent) => {
        touch();
        onSent(sent);
      },
      onSuccess: ({ lastResponse }) => {
        settle();
        onSent(version.bytes);
        resolve(receiptFrom(lastResponse.getHeader(RECEIPT_HEADER)));
      },
      onError: (error) => {
        settle();
        reject(toUploadError(error, name));
      },
    });
    // Cancel: stop and delete the upload on the server (tus termination).
    const cancel = () => {
      settle();
      void upload.abort(true).catch(() => undefined);
      reject(new UploadError('ABORTED', `aborted: tus upload of ${name}`, { cause: context.signal.reason }));
    };
    if (context.signal.aborted) return cancel();
    stopListening = onAbort(context.signal, cancel);
    touch();
    upload.start();
  });
}

export function createTusTransport(options: TusTransportOptions): Transport {
  const endpoint = options.endpoint ?? '/api/tus/';
  return {
    async send(job, blobs, context): Promise<unknown> {
      const sent: Record<string, number> = {};
      const versions: Record<string, StoredVersion | null> = {};
      for (const name of Object.keys(job.manifest.versions)) {
        versions[name] = await uploadVersion(
          (await loadTus()).Upload,
          job,
          name,
          blobs[name]!,
          endpoint,
          options,
          context,
          (bytes) => {
            sent[name] = bytes;
            context.onProgress(sent);
          },
        );
      }
      return { uploadId: job.id, versions };
    },
    async discard(job) {
      const { Upload } = await loadTus();
      await Promise.all(
        Object.values(job.tusUrls).map((url) =>
          Upload.terminate(url, { headers: options.headers ?? {} }).catch(() => undefined),
        ),
      );
    },
  };
}
