import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '@ward/core';
import Provider, { type Account, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { tenantClaimProperty } from './client-metadata.js';
import { createInteractions, type IdentityProviderInteractions } from './interactions.js';
import { errorPage, loggedOutPage, logoutPage } from './pages.js';
import { accessCheckedInteractionPolicy } from './sign-in/access-check-policy.js';
import type { SigningKeySet } from './signing-keys.js';
import { createStateAdapterFactory, type IdentityProviderStores } from './state-adapter.js';

/** Who `findAccount` is asked about: the subject, and the client (and its tenant) asking. */
export interface IdentityAccountLookup {
  readonly accountId: string;
  readonly clientId: string | null;
  readonly tenantId: string | null;
}

/** A signed-in person as the provider sees them: the subject and the claims it may release. */
export interface IdentityAccount {
  readonly accountId: string;
  /** Standard claims (OIDC Core §5.1): `email`, `email_verified`, `name`, `preferred_username`… The provider releases those the granted scopes cover. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Looks an account up; undefined when it does not exist or may not sign in (then refresh fails too). */
export type FindIdentityAccount = (lookup: IdentityAccountLookup) => Promise<IdentityAccount | undefined>;

/** Token and session lifetimes in seconds. */
export interface IdentityProviderTtl {
  readonly accessToken: number;
  readonly authorizationCode: number;
  readonly clientCredentials: number;
  readonly idToken: number;
  readonly interaction: number;
  readonly refreshToken: number;
  readonly session: number;
  readonly grant: number;
}

/** Lifetimes unless configured: short access tokens, codes valid a minute (RFC 6749 §4.1.2 advises ten at most). */
export const identityProviderTtlDefaults: IdentityProviderTtl = {
  accessToken: 3600,
  authorizationCode: 60,
  clientCredentials: 600,
  idToken: 3600,
  interaction: 3600,
  refreshToken: 14 * 86_400,
  session: 14 * 86_400,
  grant: 14 * 86_400,
};

export interface IdentityProviderOptions {
  /** Ward's public URL (scheme, host, optional port, no trailing path); the issuer is `<publicUrl>/oidc`. */
  readonly publicUrl: string;
  /** Provider state and relying parties, on Ward's database. */
  readonly stores: IdentityProviderStores;
  /** Signing and cookie keys (the server keeps them sealed in its secrets). */
  readonly keys: SigningKeySet;
  /** The directory's users. */
  readonly findAccount: FindIdentityAccount;
  /** Where a sign-in interaction is handled (the sign-in pages); default `/interaction/<uid>`. */
  readonly interactionUrl?: (uid: string) => string;
  /** Trust `X-Forwarded-*` from a reverse proxy (Koa's `proxy`); default false. */
  readonly trustProxy?: boolean;
  readonly ttl?: Partial<IdentityProviderTtl>;
  /** Time of state expiry; the system clock when absent. */
  readonly clock?: Clock;
  /**
   * Claims about a grant's sign-in (issue 6 §5: `device_id`, `device_compliance`, `acr`, `amr`),
   * from the sign-in pages' `createGrantClaims`: added to access tokens (`extraTokenClaims`, so
   * introspection returns them) and, device claims only, to ID tokens.
   */
  readonly grantClaims?: (grantId: string) => Promise<Readonly<Record<string, unknown>>>;
  /**
   * Send every authorization, single sign-on included, through the sign-in pages so conditional
   * access is decided each time (issue 6 §4; `accessCheckedInteractionPolicy`). Default true.
   */
  readonly decideEveryAuthorization?: boolean;
}

/** Ward's OpenID provider: the oidc-provider instance, its issuer and the interaction hooks. */
export interface IdentityProvider {
  /** `<publicUrl>/oidc`. */
  readonly issuer: string;
  /** The path part of the issuer (`/oidc`), where the provider must be mounted. */
  readonly mountPath: string;
  /** The underlying provider, for event listeners (`server_error`, `grant.revoked`…). */
  readonly provider: Provider;
  /** What the sign-in pages call to read and finish an interaction. */
  readonly interactions: IdentityProviderInteractions;
  /** Node request handler for a request whose `url` is relative to the mount path and `originalUrl` is the full path. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
}

/** The OIDC scopes and the claims each releases (OIDC Core §5.4). */
const claimsByScope = {
  // acr and amr always: relying parties read the conditional access outcome from them (issue 6 §5).
  openid: ['sub', 'acr', 'amr', 'auth_time', 'device_id', 'device_compliance'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'updated_at'],
} as const;

const supportedScopes = ['openid', 'offline_access', ...Object.keys(claimsByScope).filter((s) => s !== 'openid')];

function tenantOf(ctx: KoaContextWithOIDC): string | null {
  const value = ctx.oidc.client?.metadata()[tenantClaimProperty];
  return typeof value === 'string' ? value : null;
}

function originOf(uri: string): string | undefined {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
}

/** oidc-provider 8.8's wording when a client uses a grant type it was not registered for. */
const grantNotAllowed = 'requested grant type is not allowed for this client';

/**
 * RFC 6749 §5.2 names the error for a client using a grant type it is not authorised for
 * `unauthorized_client`; oidc-provider 8.8 answers `invalid_request`. This corrects the code on
 * the way out. It has to recognise the case by the library's description (the only mark it
 * leaves); the test of this case fails if an upgrade changes the wording.
 */
async function unauthorizedClientError(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  await next();
  const body: unknown = ctx.body;
  if (ctx.status !== 400 || typeof body !== 'object' || body === null) return;
  const error = body as { error?: unknown; error_description?: unknown };
  if (error.error === 'invalid_request' && error.error_description === grantNotAllowed) ctx.body = { ...error, error: 'unauthorized_client' };
}

/**
 * Builds Ward's OpenID Connect provider (issue 6 §1) on oidc-provider: discovery, JWKS, the
 * authorization code flow with PKCE (required for public clients, S256 only: RFC 7636 §4.2, RFC
 * 9700 §2.1.1), refresh tokens rotated on every use with reuse revoking the whole grant (RFC 9700
 * §4.14.2), client credentials, introspection (RFC 7662), revocation (RFC 7009) and RP-initiated
 * logout. All state goes through `stores`; clients are the relying parties; development
 * interactions are off, so sign-in goes through Ward's own pages at `interactionUrl`.
 *
 * Relying parties are registered by an admin, so they are first-party: the grant is created for
 * the requested scopes without a consent screen (oidc-provider's `loadExistingGrant`).
 */
export function createIdentityProvider(options: IdentityProviderOptions): IdentityProvider {
  const publicUrl = new URL(options.publicUrl);
  if (publicUrl.protocol !== 'https:' && publicUrl.protocol !== 'http:') throw new Error('createIdentityProvider: publicUrl must be an http(s) URL');
  const base = publicUrl.origin + publicUrl.pathname.replace(/\/+$/u, '');
  const issuer = `${base}/oidc`;
  const mountPath = new URL(issuer).pathname;
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const ttl = { ...identityProviderTtlDefaults, ...options.ttl };
  const interactionUrl = options.interactionUrl ?? ((uid: string) => `/interaction/${uid}`);

  const configuration: Configuration = {
    adapter: createStateAdapterFactory(options.stores, clock),
    clients: [],
    jwks: { keys: [...options.keys.current, ...options.keys.previous].map((k) => ({ ...k })) },
    cookies: { keys: [...options.keys.cookieKeys], long: { signed: true }, short: { signed: true } },
    scopes: supportedScopes,
    claims: { sid: null, ...Object.fromEntries(Object.entries(claimsByScope).map(([scope, claims]) => [scope, [...claims]])) },
    extraClientMetadata: { properties: [tenantClaimProperty] },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'],
    responseTypes: ['code'],
    // A device-key assertion may ride on the authorization request (issue 6 §3), and an SDK app's
    // registration assertion (docs/protocols/sdk-v1.md, "Conditional access"); the sign-in pages verify both.
    extraParams: ['device_assertion', 'app_assertion'],
    pkce: { methods: ['S256'], required: (_ctx, client) => client.clientAuthMethod === 'none' },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // A public client may only introspect its own tokens; a confidential one any token of its tenant.
        allowedPolicy: async (ctx, client, token) => {
          if (token.clientId === client.clientId) return true;
          if (client.clientAuthMethod === 'none' || token.clientId === undefined) return false;
          const owner = await ctx.oidc.provider.Client.find(token.clientId);
          return owner !== undefined && owner.metadata()[tenantClaimProperty] === client.metadata()[tenantClaimProperty];
        },
      },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    rotateRefreshToken: true,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // A browser client may call the token endpoint from the origins of its redirect URIs.
    clientBasedCORS: (_ctx, origin, client) => (client.redirectUris ?? []).some((uri) => originOf(uri) === origin),
    loadExistingGrant: async (ctx) => {
      const { client, session, provider } = ctx.oidc;
      if (client === undefined || session === undefined) return undefined;
      const accountId = session.accountId;
      if (accountId === undefined) return undefined;
      // grantIdFor is typed as always a string; it is undefined for a client the session has no grant with.
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      const grant = existing ?? new provider.Grant({ clientId: client.clientId, accountId });
      const scopes = [...ctx.oidc.requestParamScopes].filter((s) => supportedScopes.includes(s));
      grant.addOIDCScope(scopes.join(' '));
      const claims = [...ctx.oidc.requestParamClaims];
      if (claims.length > 0) grant.addOIDCClaims(claims);
      await grant.save();
      return grant;
    },
    findAccount: async (ctx, sub, token): Promise<Account | undefined> => {
      const account = await options.findAccount({ accountId: sub, clientId: ctx.oidc.client?.clientId ?? null, tenantId: tenantOf(ctx) });
      if (account === undefined) return undefined;
      const grantId = token !== undefined && 'grantId' in token && typeof token.grantId === 'string' ? token.grantId : undefined;
      const granted = grantId === undefined || options.grantClaims === undefined ? {} : await options.grantClaims(grantId);
      // acr and amr of ID tokens are the session's, set by the sign-in; only the device claims come from here.
      const device = Object.fromEntries(Object.entries(granted).filter(([name]) => name === 'device_id' || name === 'device_compliance'));
      return { accountId: account.accountId, claims: () => ({ ...account.claims, ...device, sub: account.accountId }) };
    },
    extraTokenClaims: async (_ctx, token) => {
      const grantId = 'grantId' in token && typeof token.grantId === 'string' ? token.grantId : undefined;
      return grantId === undefined || options.grantClaims === undefined ? undefined : { ...(await options.grantClaims(grantId)) };
    },
    // Every authorization, single sign-on included, passes the sign-in pages' access decision.
    interactions: { url: (_ctx, interaction) => interactionUrl(interaction.uid), ...(options.decideEveryAuthorization === false ? {} : { policy: accessCheckedInteractionPolicy() }) },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
    ttl: {
      AccessToken: ttl.accessToken,
      AuthorizationCode: ttl.authorizationCode,
      ClientCredentials: ttl.clientCredentials,
      IdToken: ttl.idToken,
      Interaction: ttl.interaction,
      RefreshToken: ttl.refreshToken,
      Session: ttl.session,
      Grant: ttl.grant,
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = options.trustProxy ?? false;
  provider.use(unauthorizedClientError);
  // Composed at the first request, so middleware added with `provider.use` after construction
  // (the sign-in pages' access enforcement) is part of it.
  let callback: ReturnType<Provider['callback']> | undefined;
  return {
    issuer,
    mountPath,
    provider,
    interactions: createInteractions(provider),
    handle: (req, res) => {
      callback ??= provider.callback();
      void callback(req, res);
    },
  };
}
