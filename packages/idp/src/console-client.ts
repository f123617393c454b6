import type { RelyingParty, RelyingPartyId, RelyingPartyStore, TenantId, TenantStore } from '@ward/core';
import type { IdentityProvider } from './create-identity-provider.js';

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

/** Who a console access token was issued to. */
export interface ConsoleTokenHolder {
  readonly tenantId: TenantId;
  readonly userId: string;
  /** The authentication methods of the sign-in (RFC 8176), as the token's `amr` claim carries them. */
  readonly amr: readonly string[];
}

/**
 * The holder of an access token the provider issued to a tenant's console client, or undefined
 * for any other token: unknown, expired, revoked, or issued to another client. Only the console
 * client's tokens may become console sessions, or any relying party holding a user's token could
 * act as that user in the admin API.
 */
export async function verifyConsoleAccessToken(idp: IdentityProvider, token: string): Promise<ConsoleTokenHolder | undefined> {
  if (token.length === 0 || token.length > 512) return undefined;
  const found = await idp.provider.AccessToken.find(token);
  if (found === undefined || found.isExpired) return undefined;
  const clientId = found.clientId;
  const tenantId = clientId === undefined ? undefined : tenantOfConsoleClient(clientId);
  if (tenantId === undefined || typeof found.accountId !== 'string') return undefined;
  const amr: unknown = found.extra?.['amr'];
  return { tenantId, userId: found.accountId, amr: Array.isArray(amr) ? amr.filter((m): m is string => typeof m === 'string') : [] };
}
