// Reads a multipart body with busboy: the manifest first, then one part per version, each
// streamed to a temp file and checked (type from its first bytes, never more bytes than it
// declared, then size and SHA-256). Any fault stops the reading at once and discards what was
// written before the promise settles (so before any answer); nothing here is stored.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { MANIFEST_FIELD } from '../../src/shared/wire.ts';
import { quote, ReceiverError } from '../errors.ts';
import { TempFiles, type LocalFile } from '../files/temp-file.ts';
import { ByteLimit } from '../http/byte-limit.ts';
import { declaredBytes, parseManifest, type CheckedManifest } from '../manifest.ts';
import type { ResolvedReceiverOptions } from '../options.ts';
import { checkBytes, checkType, SNIFF_BYTES } from '../verify.ts';

/** Room for the boundary and headers of one part, beyond its declared bytes. */
export const PART_OVERHEAD_BYTES = 1024;

export interface ReadPartsOptions {
  limits: ResolvedReceiverOptions['limits'];
  tempDir: string;
  /** Aborts the reading (the client left, a timeout, the lock deadline). */
  signal: AbortSignal;
  /** Decides on the manifest before any part is read: false stops reading (a replay). May throw. */
  onManifest(checked: CheckedManifest): boolean;
}

export interface ReadParts {
  checked: CheckedManifest;
  /** The checked files by version name; null when `onManifest` stopped the reading. */
  files: Map<string, LocalFile> | null;
}

function unexpected(code: 'UNEXPECTED_PART' | 'DUPLICATE_PART', message: string): ReceiverError {
  return new ReceiverError(400, code, message);
}

export function readParts(req: IncomingMessage, options: ReadPartsOptions): Promise<ReadParts> {
  const { limits, signal } = options;
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fieldNameSize: 100,
          fieldSize: limits.maxManifestBytes,
          fields: 1,
          files: limits.maxVersions,
          parts: limits.maxVersions + 1,
          fileSize: limits.maxPartBytes,
          headerPairs: 8,
        },
      });
    } catch (error) {
      reject(new ReceiverError(400, 'BAD_MULTIPART', `malformed multipart body: ${(error as Error).message}`));
      return;
    }
    const counter = new ByteLimit(limits.maxBodyBytes, 'maxBodyBytes');
    let checked: CheckedManifest | null = null;
    const temps = new TempFiles(options.tempDir);
    const files = new Map<string, LocalFile>();
    const seen = new Set<string>();
    const pending: Array<Promise<void>> = [];
    const streams = new Set<Readable>();
    let settled = false;

    const stop = () => {
      settled = true;
      signal.removeEventListener('abort', onAbort);
      req.unpipe(counter);
      counter.unpipe(parser);
      // Once unpiped, busboy never ends the part being read: destroy it, or its reader waits forever.
      for (const stream of streams) stream.destroy();
    };
    const fail = (error: unknown) => {
      if (settled) return;
      stop();
      // From here no part gets a new temp file; the refusal waits for every part's work and for
      // every temp file to be closed and removed. A file that cannot be removed is the sweep's.
      void Promise.allSettled([...pending, temps.discardAll()]).finally(() => reject(error));
    };
    const onAbort = () => fail(signal.reason);

    parser.on('field', (name, value, info) => {
      if (settled) return;
      if (name !== MANIFEST_FIELD)
        return fail(new ReceiverError(400, 'UNEXPECTED_FIELD', `unexpected field: ${quote(name)}`));
      if (info.valueTruncated) {
        return fail(
          new ReceiverError(413, 'TOO_LARGE', `too large: the manifest is over ${limits.maxManifestBytes} bytes`),
        );
      }
      try {
        checked = parseManifest(value, limits);
        if (!options.onManifest(checked)) {
          stop();
          resolve({ checked, files: null });
          return;
        }
        // From here the body may hold no more than the versions it declares.
        const versions = Object.keys(checked.manifest.versions).length;
        counter.tighten(
          counter.bytes + declaredBytes(checked.manifest) + (versions + 1) * PART_OVERHEAD_BYTES,
          'more than the manifest declares',
        );
      } catch (error) {
        fail(error);
      }
    });

    parser.on('file', (field, stream, info) => {
      if (settled) return void stream.resume();
      const manifest = checked?.manifest;
      const name =
        manifest && Object.keys(manifest.versions).find((candidate) => manifest.versions[candidate]!.part === field);
      let refusal: ReceiverError | null = null;
      if (!manifest)
        refusal = unexpected('UNEXPECTED_PART', `unexpected part: ${quote(field)} came before the manifest`);
      else if (!name)
        refusal = unexpected('UNEXPECTED_PART', `unexpected part: ${quote(field)} is not in the manifest`);
      else if (seen.has(name)) refusal = unexpected('DUPLICATE_PART', `duplicate part: ${quote(field)} was sent twice`);
      if (refusal || !manifest || !name) {
        stream.resume();
        return fail(refusal);
      }
      seen.add(name);
      const version = manifest.versions[name]!;
      streams.add(stream);
      // Errors reach the reader through its loop; an 'error' before the loop starts must not crash the server.
      stream.on('error', () => undefined);
      stream.on('close', () => streams.delete(stream));
      stream.on('limit', () =>
        fail(new ReceiverError(413, 'TOO_LARGE', `too large: version ${name} is over ${limits.maxPartBytes} bytes`)),
      );
      const work = (async () => {
        const temp = await temps.create();
        let typeChecked = false;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          await temp.write(chunk);
          if (temp.measurer.bytes > version.bytes) {
            throw new ReceiverError(
              413,
              'TOO_LARGE',
              `too large: version ${name} sent more than the ${version.bytes} bytes its manifest declares`,
            );
          }
          if (!typeChecked && temp.measurer.bytes >= SNIFF_BYTES) {
            checkType(name, version, temp.measurer.head, info.mimeType);
            typeChecked = true;
          }
        }
        if (settled) return;
        checkType(name, version, temp.measurer.head, info.mimeType);
        const file = await temp.finish();
        checkBytes(name, version, file);
        files.set(name, file);
      })();
      pending.push(
        work.catch((error: unknown) => {
          stream.resume();
          fail(error);
        }),
      );
    });

    const tooMany = () =>
      fail(new ReceiverError(413, 'TOO_MANY_PARTS', `too many parts: at most ${limits.maxVersions} versions`));
    parser.on('filesLimit', tooMany);
    parser.on('partsLimit', tooMany);
    parser.on('fieldsLimit', () =>
      fail(new ReceiverError(400, 'UNEXPECTED_FIELD', 'unexpected field: only the manifest is a field')),
    );
    parser.on('error', (error: Error) =>
      fail(new ReceiverError(400, 'BAD_MULTIPART', `malformed multipart body: ${error.message}`)),
    );
    counter.on('error', fail);
    parser.on('close', () => {
      void Promise.all(pending).then(() => {
        if (settled) return;
        const missing = checked
          ? Object.keys(checked.manifest.versions).filter((name) => !files.has(name))
          : [MANIFEST_FIELD];
        if (missing.length > 0)
          return fail(new ReceiverError(400, 'MISSING_PART', `missing part: ${missing.join(', ')}`));
        settled = true;
        signal.removeEventListener('abort', onAbort);
        resolve({ checked: checked!, files });
      });
    });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    req.pipe(counter).pipe(parser);
  });
}
