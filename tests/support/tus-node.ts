// A tus client in a few fetch calls, for server tests that need to send what tus-js-client never would.
import type { UploadManifest } from '../../src/shared/wire.ts';

const TUS = { 'Tus-Resumable': '1.0.0' };

function metadata(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
}

export interface TusClient {
  create(manifest: UploadManifest, version: string, length: number): Promise<Response>;
  patch(url: string, offset: number, data: Buffer): Promise<Response>;
  head(url: string): Promise<Response>;
  request(method: string, url: string, headers?: Record<string, string>): Promise<Response>;
}

export function tusClient(origin: string, user?: string): TusClient {
  const identity: Record<string, string> = user === undefined ? {} : { 'X-User': user };
  const absolute = (url: string) => (url.startsWith('http') ? url : origin + url);
  return {
    create: (manifest, version, length) =>
      fetch(`${origin}/api/tus/`, {
        method: 'POST',
        headers: {
          ...TUS,
          ...identity,
          'Upload-Length': String(length),
          'Upload-Metadata': metadata({ manifest: JSON.stringify(manifest), version, filetype: 'image/jpeg' }),
        },
      }),
    patch: (url, offset, data) =>
      fetch(absolute(url), {
        method: 'PATCH',
        headers: {
          ...TUS,
          ...identity,
          'Upload-Offset': String(offset),
          'Content-Type': 'application/offset+octet-stream',
        },
        body: new Uint8Array(data),
      }),
    head: (url) => fetch(absolute(url), { method: 'HEAD', headers: { ...TUS, ...identity } }),
    request: (method, url, headers = {}) =>
      fetch(absolute(url), { method, headers: { ...TUS, ...identity, ...headers } }),
  };
}
