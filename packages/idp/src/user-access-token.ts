import type { TenantId, UserId, UserStore } from '@ward/core';
import { tenantClaimProperty } from './client-metadata.js';
import type { IdentityProvider } from './create-identity-provider.js';

/** Whose access token it is: the user, their tenant, and the relying party it was issued to. */
export interface UserAccessTokenOwner {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  readonly clientId: string;
  /** How the user authenticated (RFC 8176), as the token's `amr` claim carries it; empty when it has none. */
  readonly amr: readonly string[];
}

/** Checks a bearer access token the provider issued to a user; undefined when it does not hold. */
export type UserAccessTokenVerifier = (token: string) => Promise<UserAccessTokenOwner | undefined>;

// Opaque tokens are 43 base64url characters; the bound keeps arbitrary text from reaching the store.
const tokenPattern = /^[A-Za-z0-9_-]{16,256}$/u;

/**
 * Checks a user's access token as the provider's own userinfo endpoint does (oidc-provider 8.8,
 * `actions/userinfo.js`), for APIs outside the provider that accept such tokens (the SDK's
 * registration, `docs/protocols/sdk-v1.md`): the token exists (a revoked grant's tokens are
 * deleted) and has not expired, carries the `openid` scope, names no resource server (`aud`), is
 * not sender-constrained (this check sees no DPoP proof or client certificate), its relying party
 * still exists, its grant exists, has not expired and names the same client and account, and the
 * account is a user of the relying party's tenant who is not disabled. Never throws for bad input.
 */
export function createUserAccessTokenVerifier(idp: IdentityProvider, stores: Pick<UserStore, 'getUser'>): UserAccessTokenVerifier {
  const { provider } = idp;
  return async (value) => {
    if (!tokenPattern.test(value)) return undefined;
    const token = await provider.AccessToken.find(value);
    if (token === undefined || token.isExpired) return undefined;
    if (!token.scopes.has('openid')) return undefined;
    // The typings say every token has an audience; one issued for userinfo (no resource indicator) has none.
    const audience: unknown = token.aud;
    if (audience !== undefined || token.isSenderConstrained()) return undefined;
    const clientId = token.clientId;
    if (clientId === undefined) return undefined;
    const client = await provider.Client.find(clientId);
    const tenantId: unknown = client?.metadata()[tenantClaimProperty];
    if (typeof tenantId !== 'string') return undefined;
    const grant = await provider.Grant.find(token.grantId, { ignoreExpiration: true });
    if (grant === undefined || grant.isExpired || grant.clientId !== clientId || grant.accountId !== token.accountId) return undefined;
    const user = await stores.getUser(tenantId as TenantId, token.accountId as UserId);
    if (user === undefined || user.disabled) return undefined;
    const amr: unknown = token.extra?.['amr'];
    return { tenantId: user.tenantId, userId: user.id, clientId, amr: Array.isArray(amr) ? amr.filter((m): m is string => typeof m === 'string') : [] };
  };
}
