// Names of stored objects, always generated here: a random UUID and an extension from the
// verified type, so nothing a client sends ever becomes part of a path or an object key.
import { randomUUID } from 'node:crypto';
import { IMAGE_EXTENSIONS as EXTENSIONS } from '../../src/shared/image-extensions.ts';

/** Image types the receiver stores; anything else is refused with 415. SVG is out: it can carry scripts. */
export const STORABLE_TYPES: ReadonlySet<string> = new Set(Object.keys(EXTENSIONS));

/** Where stored versions live. */
export const FILES_PREFIX = 'files/';
/** Where presigned PUTs land, before the receiver checks them and copies them to their final key. */
export const INCOMING_PREFIX = 'incoming/';

/** A stored version's key: the same for every try of one upload (the ledger remembers it). */
export function generateKey(type: string): string {
  return `${FILES_PREFIX}${randomUUID()}.${EXTENSIONS[type] ?? 'bin'}`;
}

/** The key a client PUTs a presigned version to; only the receiver writes the final key. */
export function incomingKeyOf(key: string): string {
  return INCOMING_PREFIX + key.slice(FILES_PREFIX.length);
}

/** A stored key as a route may name it: `files/<uuid>.<ext>` and nothing else. */
export const STORED_KEY =
  /^files\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(?:jpg|png|webp|gif|avif)$/;

/** The type a stored key's extension stands for (the type its bytes were checked to be). */
export function typeOfKey(key: string): string | null {
  const extension = key.slice(key.lastIndexOf('.') + 1);
  return Object.keys(EXTENSIONS).find((type) => EXTENSIONS[type] === extension) ?? null;
}
