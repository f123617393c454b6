import type { Clock, UpstreamProvider } from '@ward/core';
import * as oidc from 'openid-client';

/** How Ward talks to upstream providers. */
export interface UpstreamClientOptions {
  /** Seconds each upstream request may take; default 10 (the browser waits on it). */
  readonly timeoutSeconds?: number;
  /** Seconds a discovered configuration (metadata and its key set) is reused; default 600. */
  readonly cacheSeconds?: number;
}

/** What Ward takes from an upstream sign-in, once openid-client has checked it. */
export interface UpstreamIdentity {
  /** The upstream's subject (`sub`), for the log. */
  readonly subject: string;
  /** The e-mail claim, trimmed and lower-cased; undefined when the upstream gave none. */
  readonly email: string | undefined;
  /** Whether `email_verified` was exactly `true`. */
  readonly emailVerified: boolean;
  /** The ID token's `amr` (RFC 8176), strings only. */
  readonly amr: readonly string[];
}

/** The authorization response as it reached the callback (the parameters the upstream sent back). */
export interface UpstreamCallback {
  readonly code: string | undefined;
  readonly state: string;
  readonly iss: string | undefined;
}

/** An upstream provider as a relying party of it: discovery, the authorization URL, the code exchange. */
export interface UpstreamClients {
  /** Where to send the browser: the upstream's authorization endpoint with PKCE (S256), `state` and `nonce`. */
  authorizationUrl(provider: UpstreamProvider, input: { readonly redirectUri: string; readonly state: string; readonly nonce: string; readonly codeChallenge: string }): Promise<URL>;
  /**
   * Redeems the code (RFC 7636 verifier) and checks the ID token (signature from the upstream's
   * JWKS, `iss`, `aud`, `exp`, `iat`, `nonce`), reading e-mail claims from userinfo (OpenID
   * Connect Core §5.3) when the ID token has none. Throws on any failure; the message says why.
   */
  redeem(provider: UpstreamProvider, callback: UpstreamCallback, checks: { readonly redirectUri: string; readonly codeVerifier: string; readonly nonce: string }): Promise<UpstreamIdentity>;
}

/**
 * Why an upstream exchange failed, for the sign-in log: the messages of the error and its causes
 * (openid-client wraps oauth4webapi's, which names the claim: `unexpected ID Token "nonce" claim
 * value`), the stable code, and an OAuth error body's `error`. Never a secret: these libraries do
 * not put client credentials in messages.
 */
export function describeUpstreamError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const extra = current as Error & { readonly code?: unknown; readonly error?: unknown };
    const oauthError = typeof extra.error === 'string' ? ` [${extra.error}]` : '';
    const code = typeof extra.code === 'string' ? ` (${extra.code})` : '';
    const line = `${current.message}${oauthError}${code}`;
    if (!parts.includes(line)) parts.push(line);
    current = current.cause;
  }
  return parts.length === 0 ? String(error) : parts.join(': ');
}

/** Configurations cached at most: a tenant has at most a score of providers, and few tenants use many. */
const maxCached = 200;

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Upstream clients over openid-client (OpenID Certified): discovery by issuer (the document's
 * `issuer` must equal the registered one), `client_secret_basic` unless the upstream only offers
 * `client_secret_post`, requests over https only with the system's trust store (add a private CA
 * with NODE_EXTRA_CA_CERTS). Configurations are cached per provider version for `cacheSeconds`.
 */
export function createUpstreamClients(clock: Clock, options: UpstreamClientOptions = {}): UpstreamClients {
  const timeout = options.timeoutSeconds ?? 10;
  const cacheMs = (options.cacheSeconds ?? 600) * 1000;
  const cache = new Map<string, { readonly config: oidc.Configuration; readonly until: number }>();

  const configFor = async (provider: UpstreamProvider): Promise<oidc.Configuration> => {
    const key = `${provider.tenantId}:${provider.id}:${provider.version}`;
    const now = clock.now().getTime();
    const cached = cache.get(key);
    if (cached !== undefined && cached.until > now) return cached.config;
    const discovered = await oidc.discovery(new URL(provider.issuer), provider.clientId, { client_secret: provider.clientSecret }, oidc.ClientSecretBasic(provider.clientSecret), { timeout });
    const server = discovered.serverMetadata();
    const methods = server.token_endpoint_auth_methods_supported;
    // RFC 8414 §2: absent means client_secret_basic only.
    const postOnly = methods !== undefined && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
    const config = postOnly ? new oidc.Configuration(server, provider.clientId, { client_secret: provider.clientSecret }, oidc.ClientSecretPost(provider.clientSecret)) : discovered;
    config.timeout = timeout;
    cache.delete(key);
    cache.set(key, { config, until: now + cacheMs });
    // Map keeps insertion order: the first key is the oldest.
    while (cache.size > maxCached) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    return config;
  };

  return {
    async authorizationUrl(provider, input) {
      const config = await configFor(provider);
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: input.redirectUri,
        scope: provider.scopes.join(' '),
        response_type: 'code',
        code_challenge: input.codeChallenge,
        code_challenge_method: 'S256',
        state: input.state,
        nonce: input.nonce,
      });
    },

    async redeem(provider, callback, checks) {
      const config = await configFor(provider);
      // The URL the upstream sent the browser to, rebuilt from the fixed callback and the parameters
      // it carried: openid-client takes `redirect_uri` from it and checks `state` and `iss` there.
      const current = new URL(checks.redirectUri);
      if (callback.code !== undefined) current.searchParams.set('code', callback.code);
      current.searchParams.set('state', callback.state);
      if (callback.iss !== undefined) current.searchParams.set('iss', callback.iss);
      const tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: checks.codeVerifier, expectedState: callback.state, expectedNonce: checks.nonce, idTokenExpected: true });
      const claims = tokens.claims();
      if (claims === undefined) throw new Error('the upstream returned no ID token');
      let email: unknown = claims['email'];
      let verified: unknown = claims['email_verified'];
      if ((email === undefined || verified === undefined) && config.serverMetadata().userinfo_endpoint !== undefined) {
        // openid-client checks that userinfo's `sub` is the ID token's (OIDC Core §5.3.4).
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        email ??= info.email;
        verified ??= info.email_verified;
      }
      const address = stringClaim(email)?.trim().toLowerCase();
      return {
        subject: claims.sub,
        email: address === '' ? undefined : address,
        emailVerified: verified === true,
        amr: Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [],
      };
    },
  };
}
