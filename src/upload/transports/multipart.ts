// The default transport: one multipart/form-data POST with the manifest and every version.
// The body is assembled by hand from Blobs (no copies) so that the byte offset of each part is
// known, which turns XHR's upload progress into progress per version.
import type { StoredJob } from '../queue-store.ts';
import { UploadError } from '../../shared/errors/upload-error.ts';
import { IDEMPOTENCY_HEADER, MANIFEST_FIELD } from '../../shared/wire.ts';
import type { Transport, TransportContext } from './transport.ts';
import { sendXhr, throwUnlessOk } from './xhr.ts';

/** Options of the multipart transport. */
export interface MultipartTransportOptions {
  type: 'multipart';
  /** @default '/api/uploads' */
  endpoint?: string;
  /** Extra request headers (a CSRF token, say). @default {} */
  headers?: Record<string, string>;
  /** Send cookies to a cross-origin endpoint. @default false */
  withCredentials?: boolean;
}

interface Body {
  blob: Blob;
  contentType: string;
  /** Where each version's bytes start and end in the body. */
  ranges: Array<{ name: string; start: number; end: number }>;
}

function randomBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `----imagespec${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** Builds the body: the manifest first (the receiver needs it to check each part as it streams). */
export function buildMultipartBody(job: StoredJob, blobs: Record<string, Blob>): Body {
  const boundary = randomBoundary();
  const encoder = new TextEncoder();
  const pieces: BlobPart[] = [];
  const ranges: Body['ranges'] = [];
  let offset = 0;
  const push = (piece: string | Blob) => {
    const bytes = typeof piece === 'string' ? encoder.encode(piece) : piece;
    pieces.push(bytes);
    offset += bytes instanceof Blob ? bytes.size : bytes.byteLength;
  };
  push(
    `--${boundary}\r\nContent-Disposition: form-data; name="${MANIFEST_FIELD}"\r\nContent-Type: application/json\r\n\r\n`,
  );
  push(JSON.stringify(job.manifest));
  for (const [name, version] of Object.entries(job.manifest.versions)) {
    const blob = blobs[name]!;
    // Part names are [A-Za-z0-9_-] (see prepareUpload), so they need no quoting.
    push(
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="${version.part}"; filename="${version.part}"\r\nContent-Type: ${version.type}\r\n\r\n`,
    );
    ranges.push({ name, start: offset, end: offset + blob.size });
    push(blob);
  }
  push(`\r\n--${boundary}--\r\n`);
  return { blob: new Blob(pieces), contentType: `multipart/form-data; boundary=${boundary}`, ranges };
}

export function createMultipartTransport(options: MultipartTransportOptions): Transport {
  const endpoint = options.endpoint ?? '/api/uploads';
  return {
    async send(job: StoredJob, blobs: Record<string, Blob>, context: TransportContext): Promise<unknown> {
      const body = buildMultipartBody(job, blobs);
      const report = (loaded: number) => {
        const sent: Record<string, number> = {};
        for (const range of body.ranges) sent[range.name] = Math.max(0, Math.min(loaded, range.end) - range.start);
        context.onProgress(sent);
      };
      report(0);
      const response = await sendXhr({
        method: 'POST',
        url: endpoint,
        headers: { ...options.headers, 'Content-Type': body.contentType, [IDEMPOTENCY_HEADER]: job.id },
        body: body.blob,
        signal: context.signal,
        timeout: context.timeout,
        withCredentials: options.withCredentials ?? false,
        onUploadProgress: report,
      });
      throwUnlessOk(response, `POST ${endpoint}`);
      report(body.blob.size);
      try {
        return JSON.parse(response.text) as unknown;
      } catch (error) {
        throw new UploadError('BAD_RECEIPT', `bad receipt: POST ${endpoint} answered ${response.status} with no JSON`, {
          status: response.status,
          cause: error,
        });
      }
    },
  };
}
