// Multipart bodies built by hand on the Node side, for what no browser would send: hostile
// file names, lying types, bodies far over the limit.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import type { UploadManifest } from '../../src/shared/wire.ts';

export interface RawPart {
  version: string;
  filename: string;
  type: string;
  data: Buffer;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A manifest that tells the truth about `parts` (tests then make the bytes lie). */
export function manifestFor(uploadId: string, sourceName: string, parts: RawPart[]): UploadManifest {
  return {
    manifestVersion: 1,
    uploadId,
    source: {
      name: sourceName,
      type: 'image/jpeg',
      width: 1,
      height: 1,
      bytes: parts[0]?.data.length ?? 0,
      sha256: sha256(parts[0]?.data ?? Buffer.alloc(0)),
    },
    versions: Object.fromEntries(
      parts.map((part) => [
        part.version,
        {
          part: part.version,
          type: part.type,
          width: 1,
          height: 1,
          bytes: part.data.length,
          sha256: sha256(part.data),
          fingerprint: '',
        },
      ]),
    ),
  };
}

export function multipartBody(
  manifest: UploadManifest,
  parts: RawPart[],
  boundary = 'testboundary1234',
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="manifest"\r\n\r\n${JSON.stringify(manifest)}\r\n`,
    ),
  ];
  for (const part of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.version}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`,
        'latin1',
      ),
    );
    chunks.push(part.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export async function postMultipart(
  origin: string,
  key: string,
  manifest: UploadManifest,
  parts: RawPart[],
): Promise<RawAnswer> {
  const { body, contentType } = multipartBody(manifest, parts);
  const response = await fetch(`${origin}/api/uploads`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { 'Content-Type': contentType, 'Idempotency-Key': key },
  });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

/**
 * Declares `declared` bytes and sends them slowly, 64 KiB at a time; resolves with the status
 * and how many bytes had been written when the answer came.
 */
export function postOversized(origin: string, declared: number): Promise<{ status: number; writtenAtAnswer: number }> {
  const url = new URL(`${origin}/api/uploads`);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        'Content-Type': 'multipart/form-data; boundary=x',
        'Content-Length': declared,
        'Idempotency-Key': 'oversized-upload-1',
      },
    });
    req.on('response', (response) => {
      answered = true;
      resolve({ status: response.statusCode ?? 0, writtenAtAnswer: written });
      response.resume();
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 1);
    const pump = () => {
      if (answered || req.destroyed) return;
      if (written >= declared) return void req.end();
      written += chunk.length;
      req.write(chunk, () => setTimeout(pump, 5));
    };
    pump();
  });
}
