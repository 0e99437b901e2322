// Cross-origin access, off unless the site turns it on: a receiver that answers
// `Access-Control-Allow-Origin: *` lets any page upload to it, read its answers and drive tus.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CorsOptions {
  /** Origins allowed to call the receiver: a list, or a function deciding each origin. */
  origins: readonly string[] | ((origin: string) => boolean);
  /** Allow cookies and HTTP authentication on cross-origin calls. @default false */
  credentials?: boolean;
}

export function isAllowedOrigin(cors: CorsOptions | false, origin: string | undefined): origin is string {
  if (!cors || !origin) return false;
  return typeof cors.origins === 'function' ? cors.origins(origin) : cors.origins.includes(origin);
}

/** Adds the CORS headers a request's origin is allowed; answers a preflight itself (returns true). */
export function applyCors(req: IncomingMessage, res: ServerResponse, cors: CorsOptions | false): boolean {
  const origin = req.headers.origin;
  if (!isAllowedOrigin(cors, origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  if (cors && cors.credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, DELETE',
    'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}
