// A small JSON body, read with a byte limit and parsed, or refused with a typed error.
import type { IncomingMessage } from 'node:http';
import { ReceiverError } from '../errors.ts';

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit)
    throw new ReceiverError(413, 'TOO_LARGE', `too large: the body declares ${declared} bytes, over ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ReceiverError(413, 'TOO_LARGE', `too large: the body is over ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ReceiverError(400, 'BAD_REQUEST', 'bad request: the body is not JSON');
  }
}
