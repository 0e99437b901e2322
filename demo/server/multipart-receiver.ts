// POST /api/uploads: one multipart/form-data body per image, the manifest first and then one
// part per version. Streams with busboy; nothing is stored unless every part checks out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import busboy from 'busboy';
import { sniffFormat } from '../../src/shared/header.ts';
import {
  MANIFEST_FIELD,
  type ManifestVersion,
  type UploadManifest,
  type UploadReceipt,
} from '../../src/shared/wire.ts';
import type { FaultInjector } from './faults.ts';
import { answerEarlyAndClose, HttpError, sendError, sendJson } from './http.ts';
import { IDEMPOTENCY_KEY_PATTERN, type IdempotencyStore } from './idempotency.ts';
import { appendLedger, type LedgerEntry } from './ledger.ts';
import { parseManifest } from './manifest.ts';
import type { ResolvedReceiverOptions } from './options.ts';
import { generateKey, TempFile } from './storage.ts';

export interface ReceiverContext {
  options: ResolvedReceiverOptions;
  idempotency: IdempotencyStore;
  /** Null unless fault injection was enabled. */
  faults: FaultInjector | null;
}

/** Enough bytes to tell every storable format apart (WebP needs 12, AVIF's ftyp box a few more). */
const SNIFF_BYTES = 64;

interface ReceivedPart {
  name: string;
  version: ManifestVersion;
  temp: TempFile;
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req.on('end', resolve).on('close', resolve).resume();
  });
}

/** Destroys the connection once `afterBytes` of the body went through: the "cut" fault. */
function cutAfter(req: IncomingMessage, afterBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > afterBytes) {
        req.socket.destroy();
        callback();
        return;
      }
      callback(null, chunk);
    },
  });
}

function checkType(head: Buffer, name: string, version: ManifestVersion, partType: string): void {
  const sniffed = sniffFormat(new Uint8Array(head.buffer, head.byteOffset, head.length));
  if (sniffed !== version.type || partType !== version.type) {
    throw new HttpError(
      415,
      'TYPE_MISMATCH',
      `type mismatch: version ${name} declares ${version.type}, the part says ${partType.slice(0, 80)}, its bytes are ${sniffed ?? 'not an image'}`,
    );
  }
}

/** Streams one part to a temp file, checking magic bytes first and size and hash at the end. */
async function receivePart(stream: Readable, part: ReceivedPart, partType: string): Promise<void> {
  let head: Buffer = Buffer.alloc(0);
  let sniffed = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!sniffed) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= SNIFF_BYTES) {
        checkType(head, part.name, part.version, partType);
        sniffed = true;
      }
    }
    await part.temp.write(chunk);
  }
  if (!sniffed) checkType(head, part.name, part.version, partType);
  const sha256 = await part.temp.finish();
  if (part.temp.bytes !== part.version.bytes || sha256 !== part.version.sha256) {
    throw new HttpError(
      422,
      'CHECKSUM_MISMATCH',
      `checksum mismatch: version ${part.name} arrived as ${part.temp.bytes} bytes with SHA-256 ${sha256}, the manifest says ${part.version.bytes} bytes, ${part.version.sha256}`,
    );
  }
}

/** Reads the whole body into temp files; rejects with an HttpError on the first fault. */
function receiveParts(
  req: IncomingMessage,
  key: string,
  context: ReceiverContext,
  body: Readable,
): Promise<{ manifest: UploadManifest; parts: ReceivedPart[] }> {
  const { maxPartBytes, maxBodyBytes, dir } = context.options;
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fields: 1, fieldSize: 256 * 1024, files: 16, fileSize: maxPartBytes, parts: 17 },
      });
    } catch (error) {
      reject(new HttpError(400, 'NOT_MULTIPART', `not multipart/form-data: ${(error as Error).message}`));
      return;
    }
    let manifest: UploadManifest | null = null;
    const parts: ReceivedPart[] = [];
    const pending: Array<Promise<void>> = [];
    const streams = new Set<Readable>();
    let failure: Error | null = null;

    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      body.unpipe(parser);
      // Once unpiped, busboy never ends the part being read: destroy it, or its reader waits forever.
      for (const stream of streams) stream.destroy();
      void Promise.allSettled(pending)
        .then(() => Promise.all(parts.map((part) => part.temp.discard())))
        .finally(() => reject(error));
    };

    parser.on('field', (name, value, info) => {
      if (name !== MANIFEST_FIELD)
        return fail(new HttpError(400, 'UNEXPECTED_FIELD', `unexpected field: ${name.slice(0, 80)}`));
      if (info.valueTruncated) return fail(new HttpError(413, 'TOO_LARGE', 'too large: the manifest is over 256 KiB'));
      try {
        manifest = parseManifest(value, maxPartBytes);
        if (manifest.uploadId !== key)
          throw new HttpError(
            400,
            'KEY_MISMATCH',
            "key mismatch: the Idempotency-Key header differs from the manifest's uploadId",
          );
        const declared = Object.values(manifest.versions).reduce((sum, version) => sum + version.bytes, 0);
        if (declared > maxBodyBytes)
          throw new HttpError(
            413,
            'TOO_LARGE',
            `too large: the versions declare ${declared} bytes, over the limit of ${maxBodyBytes}`,
          );
      } catch (error) {
        fail(error as Error);
      }
    });

    parser.on('file', (field, stream, info) => {
      if (failure) return void stream.resume();
      const entry = manifest && Object.entries(manifest.versions).find(([, version]) => version.part === field);
      if (!manifest || !entry || parts.some((part) => part.version.part === field)) {
        stream.resume();
        const why = !manifest
          ? 'the manifest must come before every file part'
          : `part ${field.slice(0, 80)} is not in the manifest or came twice`;
        return fail(new HttpError(400, 'UNEXPECTED_PART', `unexpected part: ${why}`));
      }
      streams.add(stream);
      // Errors reach the reader through its loop; an 'error' before the loop starts must not crash the server.
      stream.on('error', () => undefined);
      stream.on('close', () => streams.delete(stream));
      stream.on('limit', () =>
        fail(
          new HttpError(413, 'TOO_LARGE', `too large: version ${entry[0]} is over the limit of ${maxPartBytes} bytes`),
        ),
      );
      const work = TempFile.create(dir).then(async (temp) => {
        const part: ReceivedPart = { name: entry[0], version: entry[1], temp };
        parts.push(part);
        await receivePart(stream, part, info.mimeType);
      });
      pending.push(
        work.catch((error: Error) => {
          stream.resume();
          fail(error);
        }),
      );
    });

    parser.on('filesLimit', () => fail(new HttpError(413, 'TOO_MANY_PARTS', 'too many parts: at most 16 versions')));
    parser.on('partsLimit', () => fail(new HttpError(413, 'TOO_MANY_PARTS', 'too many parts: at most 16 versions')));
    parser.on('fieldsLimit', () =>
      fail(new HttpError(400, 'UNEXPECTED_FIELD', 'unexpected field: only the manifest is a field')),
    );
    parser.on('error', (error: Error) =>
      fail(new HttpError(400, 'BAD_MULTIPART', `malformed multipart body: ${error.message}`)),
    );
    req.on('close', () => {
      if (!req.complete) fail(new Error('the client went away before the body ended'));
    });
    parser.on('close', () => {
      void Promise.all(pending).then(() => {
        if (failure) return;
        const missing = manifest
          ? Object.keys(manifest.versions).filter((name) => !parts.some((part) => part.name === name))
          : ['manifest'];
        if (missing.length > 0) return fail(new HttpError(400, 'MISSING_PART', `missing part: ${missing.join(', ')}`));
        resolve({ manifest: manifest!, parts });
      });
    });
    body.pipe(parser);
  });
}

/** Renames every part into place, then records it in the ledger. */
async function store(manifest: UploadManifest, parts: ReceivedPart[], dir: string): Promise<UploadReceipt> {
  const receipt: UploadReceipt = { uploadId: manifest.uploadId, versions: {} };
  const entries: LedgerEntry[] = [];
  for (const part of parts) {
    const key = generateKey(part.version.type);
    await part.temp.commit(dir, key);
    receipt.versions[part.name] = {
      key,
      bytes: part.temp.bytes,
      sha256: part.version.sha256,
      type: part.version.type,
      url: `/api/${key}`,
    };
    entries.push({
      at: new Date().toISOString(),
      transport: 'multipart',
      uploadId: manifest.uploadId,
      version: part.name,
      key,
      bytes: part.temp.bytes,
      sha256: part.version.sha256,
      type: part.version.type,
      sourceName: manifest.source.name,
    });
  }
  await appendLedger(dir, entries);
  return receipt;
}

/** Handles POST /api/uploads. */
export async function receiveMultipart(
  req: IncomingMessage,
  res: ServerResponse,
  context: ReceiverContext,
): Promise<void> {
  const { options, idempotency, faults } = context;
  const keyHeader = req.headers['idempotency-key'];
  const key = typeof keyHeader === 'string' ? keyHeader : null;
  const fault = faults?.take('uploads') ?? null;
  faults?.log({
    route: 'uploads',
    method: req.method ?? '',
    url: req.url ?? '',
    at: Date.now(),
    idempotencyKey: key,
    fault: fault?.kind ?? null,
  });

  if (fault?.kind === 'status') {
    await drain(req);
    const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
    return sendError(res, new HttpError(fault.status, 'INJECTED', `injected fault: ${fault.status}`, headers));
  }
  if (fault?.kind === 'hang') return void req.resume();

  const length = Number(req.headers['content-length'] ?? 0);
  if (length > options.maxBodyBytes) {
    return answerEarlyAndClose(
      req,
      res,
      new HttpError(
        413,
        'TOO_LARGE',
        `too large: the body is ${length} bytes, over the limit of ${options.maxBodyBytes}`,
      ),
      64 * 1024,
    );
  }
  if (key === null || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    await drain(req);
    return sendError(res, new HttpError(400, 'MISSING_KEY', "missing Idempotency-Key: send the manifest's uploadId"));
  }

  await idempotency.exclusive(key, async () => {
    const previous = await idempotency.get(key);
    if (previous) {
      await drain(req);
      return sendJson(res, previous.status, previous.body, { 'Idempotent-Replayed': 'true' });
    }
    const body = fault?.kind === 'cut' ? req.pipe(cutAfter(req, fault.afterBytes)) : req;
    let received: Awaited<ReturnType<typeof receiveParts>>;
    try {
      received = await receiveParts(req, key, context, body);
    } catch (error) {
      if (error instanceof HttpError) return answerEarlyAndClose(req, res, error, options.maxBodyBytes);
      if (!req.complete) return; // the client went away: nobody to answer
      throw error;
    }
    const receipt = await store(received.manifest, received.parts, options.dir);
    await idempotency.put(key, { status: 201, body: receipt });
    // The "response lost after storing" fault: the data is in, the client never hears so.
    if (fault?.kind === 'drop-response') return void req.socket.destroy();
    sendJson(res, 201, receipt);
  });
}
