// The tus Upload-Metadata header: comma-separated pairs of a key and a base64 value. Parsed here,
// before @tus/server, so that a malformed one gets the receiver's typed refusal.
import { ReceiverError } from '../errors.ts';

const KEY = /^[\x21-\x2b\x2d-\x7e]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parseTusMetadata(header: string | string[] | undefined): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (typeof header !== 'string' || header.trim() === '') return metadata;
  for (const pair of header.split(',')) {
    const [key, value, ...rest] = pair.trim().split(' ');
    if (
      !key ||
      !KEY.test(key) ||
      rest.length > 0 ||
      (value !== undefined && !BASE64.test(value)) ||
      Object.hasOwn(metadata, key)
    ) {
      throw new ReceiverError(400, 'BAD_REQUEST', 'bad request: Upload-Metadata is not tus metadata');
    }
    metadata[key] = value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8');
  }
  return metadata;
}
