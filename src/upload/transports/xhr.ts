// One HTTP request with XMLHttpRequest: the only browser API that reports upload progress for
// every body (fetch's upload streams need HTTP/2 and duplex). Adds an idle timeout, abort by
// signal, and errors typed as UploadError.
import { parseRetryAfter } from '../backoff.ts';
import { onAbort } from '../../shared/abort.ts';
import { UploadError } from '../../shared/errors/upload-error.ts';

export interface XhrRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body: Blob | string | null;
  signal: AbortSignal;
  /** Fails with TIMEOUT when neither a byte is sent nor an answer arrives for this long. */
  timeout: number;
  withCredentials?: boolean;
  onUploadProgress?: (loaded: number) => void;
}

export interface XhrResponse {
  status: number;
  text: string;
  header(name: string): string | null;
}

/** Sends the request; resolves with any HTTP answer, rejects only when there is none. */
export function sendXhr(request: XhrRequest): Promise<XhrResponse> {
  return new Promise((resolve, reject) => {
    const { signal } = request;
    const aborted = () =>
      new UploadError('ABORTED', `aborted: ${request.method} ${request.url}`, { cause: signal.reason });
    if (signal.aborted) return reject(aborted());
    const xhr = new XMLHttpRequest();
    let idle: ReturnType<typeof setTimeout> | undefined;
    const stopListening = onAbort(signal, () => {
      xhr.abort();
      finish();
      reject(aborted());
    });
    const finish = () => {
      clearTimeout(idle);
      stopListening();
    };
    // An idle timer, not a total one: a large body on a slow link may take minutes, but
    // minutes without a single byte moving mean the connection is dead.
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        xhr.abort();
        finish();
        reject(
          new UploadError(
            'TIMEOUT',
            `timed out: no progress for ${request.timeout} ms on ${request.method} ${request.url}`,
          ),
        );
      }, request.timeout);
    };
    xhr.open(request.method, request.url);
    xhr.withCredentials = request.withCredentials ?? false;
    for (const [name, value] of Object.entries(request.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      touch();
      request.onUploadProgress?.(event.loaded);
    };
    xhr.onprogress = touch;
    xhr.onerror = () => {
      finish();
      reject(new UploadError('NETWORK_ERROR', `network error: ${request.method} ${request.url} got no answer`));
    };
    xhr.onload = () => {
      finish();
      resolve({ status: xhr.status, text: xhr.responseText, header: (name) => xhr.getResponseHeader(name) });
    };
    touch();
    xhr.send(request.body);
  });
}

/** The server's own words: the `message` of a JSON error body, else the text, shortened. */
export function serverMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: fall through to the text itself
  }
  return text.slice(0, 500);
}

/** Throws an HTTP_ERROR for a status outside 2xx; `what` names the request in the message. */
export function throwUnlessOk(response: XhrResponse, what: string): void {
  if (response.status >= 200 && response.status < 300) return;
  const serverMessage = serverMessageOf(response.text);
  throw new UploadError(
    'HTTP_ERROR',
    `upload failed: ${what} answered ${response.status}${serverMessage ? ` (${serverMessage})` : ''}`,
    {
      status: response.status,
      serverMessage,
      retryAfter: parseRetryAfter(response.header('Retry-After')),
    },
  );
}
