// Presigned PUTs: the site signs one URL per version (its own backend talks to S3), each
// version is PUT straight to object storage, then the site is told the upload is complete.
// A URL that the storage refuses as expired (403) is signed again once, for that version.
import type { StoredJob } from '../queue-store.ts';
import { UploadError } from '../../shared/errors/upload-error.ts';
import type { UploadManifest, UploadReceipt } from '../../shared/wire.ts';
import type { Transport } from './transport.ts';
import { sendXhr, throwUnlessOk } from './xhr.ts';

/** One signed request: where to PUT, and the headers the signature covers. */
export interface PresignedRequest {
  url: string;
  headers?: Record<string, string>;
}

/** Options of the presigned transport: two callbacks into the site's backend. */
export interface PresignedTransportOptions {
  type: 'presigned';
  /**
   * Signs PUT URLs. Called with every version name, or with the one version whose URL expired.
   * Throw an `UploadError` to fail the job (a 4xx) or retry it (5xx, network).
   */
  getUrls(manifest: UploadManifest, versions: string[], signal: AbortSignal): Promise<Record<string, PresignedRequest>>;
  /**
   * Tells the site every version is stored; answers the receipt, which the queue checks (every
   * version, with the SHA-256 and size sent). Must be idempotent on `manifest.uploadId`.
   */
  complete(manifest: UploadManifest, signal: AbortSignal): Promise<UploadReceipt>;
}

export function createPresignedTransport(options: PresignedTransportOptions): Transport {
  return {
    async send(job: StoredJob, blobs, context): Promise<unknown> {
      const names = Object.keys(job.manifest.versions);
      const requests = await options.getUrls(job.manifest, names, context.signal);
      const sent: Record<string, number> = {};
      for (const name of names) {
        let request = requests[name];
        for (let refreshed = false; ; refreshed = true) {
          if (!request) throw new UploadError('INVALID_INPUT', `no presigned URL: getUrls returned none for ${name}`);
          const response = await sendXhr({
            method: 'PUT',
            url: request.url,
            headers: request.headers ?? {},
            body: blobs[name]!,
            signal: context.signal,
            timeout: context.timeout,
            onUploadProgress: (loaded) => {
              sent[name] = loaded;
              context.onProgress(sent);
            },
          });
          // S3 answers an expired signature with 403: sign once more, then give up.
          if (response.status === 403 && !refreshed) {
            request = (await options.getUrls(job.manifest, [name], context.signal))[name];
            continue;
          }
          throwUnlessOk(response, `PUT ${name}`);
          break;
        }
      }
      return options.complete(job.manifest, context.signal);
    },
  };
}
