import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header a request id arrives and leaves in. */
export const requestIdHeader = 'x-request-id';

// Ids from proxies and tracing systems (UUIDs, W3C trace ids, ULIDs, `host:pid:seq`) fit this; the
// limit keeps a client from stuffing logs and response headers with its own text.
const sane = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Whether an incoming request id is safe to adopt: 1–128 characters from a small charset. */
export function isSaneRequestId(value: string): boolean {
  return sane.test(value);
}

/**
 * Fastify's `genReqId`: adopts the caller's `x-request-id` when it is sane, so one id follows a
 * request through a proxy and into our logs; otherwise makes a fresh one.
 */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers[requestIdHeader];
  if (typeof incoming === 'string' && isSaneRequestId(incoming)) return incoming;
  return randomUUID();
}
