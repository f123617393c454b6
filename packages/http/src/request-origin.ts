import type { FastifyRequest } from 'fastify';
import type { Origin } from '@ward/core';

/**
 * Where a request came from, for the audit trail. `request.ip` already honours the trusted-proxy
 * setting, so a forged X-Forwarded-For from an untrusted peer is not believed.
 */
export function requestOrigin(request: FastifyRequest): Origin {
  const userAgent = request.headers['user-agent'];
  return {
    via: 'api',
    ip: request.ip,
    requestId: request.id,
    // Cap it: it is client text that ends up in the append-only audit trail.
    ...(userAgent === undefined ? {} : { userAgent: userAgent.slice(0, 256) }),
  };
}
