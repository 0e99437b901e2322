// A cross-origin multipart endpoint that records what reached it: every request's headers, the
// multipart field names in order and the manifest. It answers CORS with credentials for the
// page's origin, as a site's API on another host would, and accepts every upload.
import busboy from 'busboy';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UploadManifest, UploadReceipt } from '../../src/shared/wire.ts';

export interface RecordedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** Multipart field names, in the order they arrived. */
  fields: string[];
  manifest: UploadManifest | null;
}

export interface RecordingEndpoint {
  /** The upload URL, e.g. http://127.0.0.1:6229/upload */
  url: string;
  requests(): RecordedRequest[];
  close(): Promise<void>;
}

function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
}

function readMultipart(req: IncomingMessage): Promise<{ fields: string[]; manifest: UploadManifest | null }> {
  return new Promise((resolve, reject) => {
    const fields: string[] = [];
    let manifest: UploadManifest | null = null;
    const parser = busboy({ headers: req.headers });
    parser.on('field', (name, value) => {
      fields.push(name);
      if (name === 'manifest') manifest = JSON.parse(value) as UploadManifest;
    });
    parser.on('file', (name, stream) => {
      fields.push(name);
      stream.resume();
    });
    parser.on('close', () => resolve({ fields, manifest }));
    parser.on('error', reject);
    req.pipe(parser);
  });
}

function receiptFor(manifest: UploadManifest): UploadReceipt {
  const versions: UploadReceipt['versions'] = {};
  for (const [name, version] of Object.entries(manifest.versions)) {
    versions[name] = {
      key: `recorded/${version.part}`,
      bytes: version.bytes,
      sha256: version.sha256,
      type: version.type,
    };
  }
  return { uploadId: manifest.uploadId, versions };
}

export async function startRecordingEndpoint(): Promise<RecordingEndpoint> {
  const recorded: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    allowOrigin(req, res);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '');
      recorded.push({ method: 'OPTIONS', headers: req.headers, fields: [], manifest: null });
      res.writeHead(204).end();
      return;
    }
    readMultipart(req).then(
      ({ fields, manifest }) => {
        recorded.push({ method: req.method ?? '', headers: req.headers, fields, manifest });
        if (!manifest) return void res.writeHead(400).end('{"error":"NO_MANIFEST","message":"no manifest"}');
        res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify(receiptFor(manifest)));
      },
      (error: Error) => res.writeHead(400).end(JSON.stringify({ error: 'BAD_MULTIPART', message: error.message })),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/upload`,
    requests: () => [...recorded],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
