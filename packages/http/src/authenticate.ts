import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { authenticateBearer, getTenant, type AuthenticateBearerStores, type Deps, type Origin, type Principal, type TenantStore } from '@ward/core';
import { ApiError, failureError } from './api-error.js';
import { requestOrigin } from './request-origin.js';

const principals = new WeakMap<FastifyRequest, Principal>();

/**
 * The principal a bearer-authenticated request acts as. Only routes declared with `requires(…)`
 * have one; asking on any other route is a bug, reported as INTERNAL.
 */
export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (principal === undefined) throw new ApiError('INTERNAL', 'No principal on a route that requires one.');
  return principal;
}

// RFC 6750 §2.1: `Bearer` then the token; the scheme name is case-insensitive. The length cap keeps
// arbitrary header text from reaching the token parser at all.
const bearerPattern = /^Bearer +([\x21-\x7e]{1,512}) *$/i;

/** The bearer token of an `Authorization` header, or undefined when absent or not a bearer. */
export function bearerOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return bearerPattern.exec(header)?.[1];
}

function challenge(reply: FastifyReply, error: 'invalid_request' | 'invalid_token' | undefined): void {
  // RFC 6750 §3: every 401 names the scheme; `error` only when credentials were presented.
  reply.header('www-authenticate', error === undefined ? 'Bearer realm="ward"' : `Bearer realm="ward", error="${error}"`);
}

/**
 * The `onRequest` hook of the API scope. Routes declared public pass; every other route (including
 * one declared with no Ward config at all: fail closed) needs a valid bearer token, which core's
 * `authenticateBearer` turns into the request's principal. It runs before the body is read, so an
 * anonymous caller cannot make the server parse anything.
 *
 * The tenant is the token's. A client may send `x-ward-tenant` (the tenant's id or slug) to make
 * sure it talks to the tenant it thinks it does; any other value is refused with FORBIDDEN.
 */
export function authenticateHook(deps: Deps<AuthenticateBearerStores & Pick<TenantStore, 'getTenant'>>): onRequestAsyncHookHandler {
  return async function authenticate(request, reply) {
    const ward = request.routeOptions.config.ward;
    if (ward?.access.auth === 'none') return;
    const header = request.headers.authorization;
    const bearer = bearerOf(header);
    if (bearer === undefined) {
      challenge(reply, header === undefined ? undefined : 'invalid_request');
      throw new ApiError('UNAUTHENTICATED', header === undefined ? 'This endpoint needs an Authorization: Bearer token.' : 'The Authorization header is not a bearer token.');
    }
    const origin: Origin = requestOrigin(request);
    const result = await authenticateBearer(deps, bearer, origin);
    if (!result.ok) {
      challenge(reply, 'invalid_token');
      throw failureError(result);
    }
    const principal = result.value;
    const tenantHeader = request.headers['x-ward-tenant'];
    if (tenantHeader !== undefined && tenantHeader !== principal.tenantId) {
      // Only a header that is not the id costs a lookup of the slug.
      const tenant = await getTenant(deps, principal);
      if (!tenant.ok || tenant.value.slug !== tenantHeader) {
        throw new ApiError('FORBIDDEN', 'The x-ward-tenant header names another tenant than the token belongs to.', { header: 'x-ward-tenant' });
      }
    }
    principals.set(request, principal);
  };
}
