import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { defaultTenantSlug, startIdentityProviderSession, type AuthDeps, type StartIdentityProviderSessionStores, type TenantId, type TenantStore, type UserId, type WardStores } from '@ward/core';
import { ApiError, unwrap } from '../api-error.js';
import { bearerOf } from '../authenticate.js';
import { requestOrigin } from '../request-origin.js';
import { publicRoute } from '../route-access.js';
import { Session } from '../schemas/auth.js';

/** Who an identity-provider access token was issued to, when it was issued to the console's client. */
export interface ConsoleTokenHolder {
  readonly tenantId: TenantId;
  readonly userId: string;
  readonly amr: readonly string[];
}

/** Options of the console sign-in routes. */
export interface ConsoleSignInRoutesOptions {
  readonly deps: AuthDeps<StartIdentityProviderSessionStores & Pick<TenantStore, 'getTenantBySlug'> & Pick<WardStores, 'getUser'>>;
  /** The provider's issuer (`<publicUrl>/oidc`). */
  readonly issuer: string;
  /** The console client's id for a tenant. */
  readonly clientIdOf: (tenantId: TenantId) => string;
  /** Where the console and the portal receive the code. */
  readonly redirectUris: { readonly console: string; readonly portal: string };
  /** The holder of a console access token; undefined for any other token. */
  readonly verifyConsoleToken: (token: string) => Promise<ConsoleTokenHolder | undefined>;
}

const tags = ['auth'];

const SignInOptions = Type.Object({
  issuer: Type.String(),
  authorizationEndpoint: Type.String(),
  tokenEndpoint: Type.String(),
  endSessionEndpoint: Type.String(),
  clientId: Type.String({ description: 'The tenant\'s console client: public, authorization code with PKCE (S256).' }),
  redirectUris: Type.Object({ console: Type.String(), portal: Type.String() }),
});

/**
 * `/api/v1/auth/identity-provider…` (issue 6 §8): how the console and the portal sign in through
 * Ward's identity provider, and the exchange of the provider's access token for a console session.
 * The browser runs the authorization code flow with PKCE itself; the session it then gets is the
 * same as the password form's, so the rest of the API does not care which way a person came in.
 */
export const consoleSignInRoutes: FastifyPluginCallbackTypebox<ConsoleSignInRoutesOptions> = (app, options, done) => {
  const { deps } = options;

  app.get('/auth/identity-provider', {
    schema: {
      tags,
      operationId: 'getSignInOptions',
      summary: 'Where the console signs in: the identity provider\'s endpoints and the tenant\'s console client.',
      querystring: Type.Object({ tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Tenant slug; `default` when absent.' })) }, { additionalProperties: false }),
      response: { 200: SignInOptions },
    },
    config: publicRoute(['TENANT_NOT_FOUND']),
  }, async (request) => {
    const tenant = await deps.stores.getTenantBySlug(request.query.tenant ?? defaultTenantSlug);
    if (tenant === undefined) throw new ApiError('TENANT_NOT_FOUND', 'No tenant has this slug.', { tenant: request.query.tenant ?? defaultTenantSlug });
    return {
      issuer: options.issuer,
      authorizationEndpoint: `${options.issuer}/auth`,
      tokenEndpoint: `${options.issuer}/token`,
      endSessionEndpoint: `${options.issuer}/session/end`,
      clientId: options.clientIdOf(tenant.id),
      redirectUris: options.redirectUris,
    };
  });

  app.post('/auth/identity-provider-session', {
    schema: {
      tags,
      operationId: 'startIdentityProviderSession',
      summary: 'Exchange an access token the identity provider issued to the console client (Authorization: Bearer) for a console session.',
      response: { 200: Session },
    },
    config: publicRoute(['UNAUTHENTICATED']),
  }, async (request, reply) => {
    const bearer = bearerOf(request.headers.authorization);
    const holder = bearer === undefined ? undefined : await options.verifyConsoleToken(bearer);
    if (holder === undefined) {
      reply.header('www-authenticate', bearer === undefined ? 'Bearer realm="ward"' : 'Bearer realm="ward", error="invalid_token"');
      throw new ApiError('UNAUTHENTICATED', bearer === undefined ? 'This endpoint needs the identity provider\'s access token as Authorization: Bearer.' : 'The token is not a current access token of the console\'s client.');
    }
    const signedIn = unwrap(await startIdentityProviderSession(deps, { tenantId: holder.tenantId, userId: holder.userId as UserId, amr: holder.amr }, requestOrigin(request)));
    return { token: signedIn.bearer, expiresAt: signedIn.expiresAt, user: signedIn.user };
  });
  done();
};
