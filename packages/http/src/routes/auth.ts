import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { beginTotpEnrollment, confirmTotpEnrollment, defaultTenantSlug, signIn, signOut } from '@ward/core';
import type { RateWindow } from '../api-options.js';
import { ApiError, unwrap } from '../api-error.js';
import { bearerOf, principalOf } from '../authenticate.js';
import { requestOrigin } from '../request-origin.js';
import { publicRoute, requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { ConfirmTotpBody, Me, Session, SignInBody, TotpConfirmed, TotpEnrollment } from '../schemas/auth.js';
import { NoContent } from '../schemas/common.js';

/** Options of the auth routes. */
export interface AuthRoutesOptions extends RouteDeps {
  readonly signInRateLimit: { readonly perIp: RateWindow; readonly perAccount: RateWindow };
}

const tags = ['auth'];

/** The account a sign-in attempt is for (tenant and e-mail as the lockout sees them), from a validated body. */
function accountKey(body: unknown): string {
  const { email, tenant } = (body ?? {}) as { email?: unknown; tenant?: unknown };
  return `${typeof tenant === 'string' ? tenant : defaultTenantSlug}\u0000${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}

/** `/api/v1/auth`: sign-in and sign-out, the caller's identity, and TOTP enrolment. */
export const authRoutes: FastifyPluginCallbackTypebox<AuthRoutesOptions> = (app, { deps, signInRateLimit }, done) => {
  // Two limits beside core's lockout: per client address, checked before the body is even read,
  // against password spraying; and per account, against a distributed guess at one password,
  // which the lockout alone would turn into a way to lock anyone out for good.
  const perIp = app.createRateLimit({ max: signInRateLimit.perIp.max, timeWindow: signInRateLimit.perIp.windowMs, keyGenerator: (request) => `sign-in:ip:${request.ip}` });
  const perAccount = app.createRateLimit({
    max: signInRateLimit.perAccount.max,
    timeWindow: signInRateLimit.perAccount.windowMs,
    keyGenerator: (request) => `sign-in:account:${accountKey(request.body)}`,
  });
  const enforce = (limiter: typeof perIp, scope: 'address' | 'account') => async (request: FastifyRequest, reply: FastifyReply) => {
    const outcome = await limiter(request);
    if (outcome.isAllowed || !outcome.isExceeded) return;
    reply.header('retry-after', String(outcome.ttlInSeconds));
    throw new ApiError('RATE_LIMITED', `Too many sign-in attempts from this ${scope}; try again in ${outcome.ttlInSeconds} seconds.`, { retryAfterSeconds: outcome.ttlInSeconds, scope });
  };

  app.post('/auth/sign-in', {
    schema: {
      tags,
      operationId: 'signIn',
      summary: 'Sign in with e-mail, password and, when enrolled, an authenticator code. Answers a session token.',
      body: SignInBody,
      response: { 200: Session },
    },
    config: publicRoute(['INVALID_CREDENTIALS', 'MFA_REQUIRED', 'INVALID_MFA_CODE', 'ACCOUNT_LOCKED', 'RATE_LIMITED']),
    onRequest: enforce(perIp, 'address'),
    preHandler: enforce(perAccount, 'account'),
  }, async (request) => {
    const signedIn = unwrap(await signIn(deps, request.body, requestOrigin(request)));
    return { token: signedIn.bearer, expiresAt: signedIn.expiresAt, user: signedIn.user };
  });

  app.post('/auth/sign-out', {
    schema: { tags, operationId: 'signOut', summary: 'End the session whose token made this request.', response: { 204: NoContent } },
    config: requires(null),
  }, async (request, reply) => {
    // The hook authenticated this very header, so it holds a bearer.
    const bearer = bearerOf(request.headers.authorization) ?? '';
    unwrap(await signOut(deps, principalOf(request), bearer));
    return reply.code(204).send();
  });

  app.get('/auth/me', {
    schema: { tags, operationId: 'getMe', summary: 'Who the token acts as: tenant, user, actor and roles.', response: { 200: Me } },
    config: requires(null),
  }, (request) => {
    const { tenantId, userId, actor, grants } = principalOf(request);
    return { tenantId, userId, actor, grants };
  });

  app.post('/auth/totp/enroll', {
    schema: { tags, operationId: 'beginTotpEnrollment', summary: 'Start authenticator enrolment for the signed-in admin.', response: { 200: TotpEnrollment } },
    config: requires(null, ['TOTP_ALREADY_ENABLED', 'USER_NOT_FOUND']),
  }, async (request) => unwrap(await beginTotpEnrollment(deps, principalOf(request))));

  app.post('/auth/totp/confirm', {
    schema: { tags, operationId: 'confirmTotpEnrollment', summary: 'Enable the authenticator with a first correct code.', body: ConfirmTotpBody, response: { 200: TotpConfirmed } },
    config: requires(null, ['TOTP_NOT_PENDING', 'INVALID_MFA_CODE']),
  }, async (request) => unwrap(await confirmTotpEnrollment(deps, principalOf(request), request.body.code)));
  done();
};
