// Who may do what: the site's own authentication decides, through one hook. Its answer (an
// identity) also scopes the records: two users who upload the same photo get two uploads, and
// one cannot replay, resume, list or delete the other's.
import type { IncomingMessage } from 'node:http';
import { ReceiverError } from './errors.ts';

/**
 * What a request wants to do: `upload` (a multipart POST; a tus creation, HEAD, PATCH or
 * DELETE; a presign or its completion), `read` (GET a stored file), `list` (the uploads, or one
 * upload's record), `delete` (a stored upload with its files).
 */
export type ReceiverAction = 'upload' | 'read' | 'list' | 'delete';

export interface AccessRequest {
  action: ReceiverAction;
  /** The upload the request is about, when the route names one. */
  uploadId: string | null;
}

/**
 * Decides a request: returns the caller's identity (any stable string, such as a user id) or
 * `null` to refuse it with 403. Records are kept per identity.
 */
export type Authorize = (req: IncomingMessage, access: AccessRequest) => string | null | Promise<string | null>;

/** The identity the default hook gives everyone. */
export const ANONYMOUS = 'anonymous';

/**
 * The default: anyone may upload and read stored files (like a public form), nobody may list or
 * delete. A site with accounts passes its own hook.
 */
export const defaultAuthorize: Authorize = (_req, { action }) =>
  action === 'list' || action === 'delete' ? null : ANONYMOUS;

/** Runs the hook; throws 403 when it refuses. */
export async function identify(req: IncomingMessage, authorize: Authorize, access: AccessRequest): Promise<string> {
  const identity = await authorize(req, access);
  if (identity === null) throw new ReceiverError(403, 'FORBIDDEN', `forbidden: ${access.action} is not allowed`);
  if (typeof identity !== 'string' || identity.length === 0 || identity.length > 512) {
    throw new Error(`authorize returned ${typeof identity}: expected a non-empty identity string or null`);
  }
  return identity;
}
