import type { RelyingParty, RelyingPartyId, RelyingPartyStore, TenantId, TenantStore } from '@ward/core';
import type { UserAccessTokenOwner, UserAccessTokenVerifier } from './user-access-token.js';

/**
 * The console's and the portal's own client, one per tenant (issue 6 §8: admins and employees sign
 * in through the same provider as every relying party). Its id names the tenant, so the sign-in
 * pages know whose directory to use before anyone has typed an e-mail.
 */
const consoleClientPrefix = 'ward-console.';

/** The console client's id for a tenant. */
export function consoleClientId(tenantId: string): string {
  return `${consoleClientPrefix}${tenantId}`;
}

/** The tenant a console client id names, or undefined when the id is not a console client's. */
export function tenantOfConsoleClient(clientId: string): TenantId | undefined {
  if (!clientId.startsWith(consoleClientPrefix)) return undefined;
  const tenantId = clientId.slice(consoleClientPrefix.length);
  return tenantId === '' ? undefined : (tenantId as TenantId);
}

/** Where the console and the portal receive the authorization code. */
export function consoleRedirectUris(publicUrl: string): { readonly console: string; readonly portal: string } {
  const base = publicUrl.replace(/\/+$/u, '');
  return { console: `${base}/auth/callback`, portal: `${base}/portal/auth/callback` };
}

const builtInSince = new Date(0);

/**
 * The console client as a relying party: public (no secret; the browser holds nothing it could
 * keep), authorization code with PKCE only (the provider requires S256 for public clients), no
 * refresh tokens (a console session is Ward's own, 12 hours, and ends with the tab).
 */
export function consoleRelyingParty(tenantId: TenantId, publicUrl: string): RelyingParty {
  const redirects = consoleRedirectUris(publicUrl);
  const base = publicUrl.replace(/\/+$/u, '');
  return {
    tenantId,
    id: consoleClientId(tenantId) as RelyingPartyId,
    name: 'Ward console',
    redirectUris: [redirects.console, redirects.portal],
    postLogoutRedirectUris: [`${base}/`, `${base}/portal`],
    grantTypes: ['authorization_code'],
    tokenEndpointAuthMethod: 'none',
    jwks: null,
    clientSecret: null,
    createdAt: builtInSince,
    updatedAt: builtInSince,
    secretIssuedAt: null,
  };
}

/**
 * `stores` with the console clients added to the relying-party lookup: the provider's client
 * adapter and the sign-in pages then treat them like any registered relying party (conditional
 * access included). They are not rows: there is nothing an admin could misconfigure or delete.
 */
export function withConsoleClients<S extends Pick<RelyingPartyStore, 'findRelyingPartyByClientId'> & Pick<TenantStore, 'getTenant'>>(stores: S, publicUrl: string): S {
  return {
    ...stores,
    findRelyingPartyByClientId: async (clientId: string) => {
      const tenantId = tenantOfConsoleClient(clientId);
      if (tenantId === undefined) return stores.findRelyingPartyByClientId(clientId);
      const tenant = await stores.getTenant(tenantId);
      return tenant === undefined ? undefined : consoleRelyingParty(tenant.id, publicUrl);
    },
  };
}

/**
 * The holder of an access token the provider issued to a tenant's console client, or undefined for
 * any other token. `verify` is the provider's user-token check (`createUserAccessTokenVerifier`:
 * unknown, expired, revoked or foreign tokens fail there); on top, only the console client of the
 * token's own tenant counts, or any relying party holding a user's token could act as that user in
 * the admin API.
 */
export async function verifyConsoleAccessToken(verify: UserAccessTokenVerifier, token: string): Promise<UserAccessTokenOwner | undefined> {
  const owner = await verify(token);
  return owner !== undefined && tenantOfConsoleClient(owner.clientId) === owner.tenantId ? owner : undefined;
}
