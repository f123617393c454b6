import type { RelyingParty } from '@ward/core';
import type { ClientMetadata } from 'oidc-provider';

/** The extra client metadata property that carries a relying party's tenant into the provider. */
export const tenantClaimProperty = 'ward_tenant_id';

/**
 * The OAuth client metadata (RFC 7591 §2, OpenID Connect Dynamic Client Registration §2) oidc-provider
 * sees for a relying party. A code-flow client gets response type `code` only (no implicit or hybrid
 * flows, RFC 9700 §2.1.2); a client-credentials-only client gets none and no redirect URIs.
 */
export function relyingPartyClientMetadata(party: RelyingParty): ClientMetadata {
  const codeFlow = party.grantTypes.includes('authorization_code');
  return {
    client_id: party.id,
    client_name: party.name,
    ...(party.clientSecret === null ? {} : { client_secret: party.clientSecret }),
    grant_types: [...party.grantTypes],
    response_types: codeFlow ? ['code'] : [],
    redirect_uris: [...party.redirectUris],
    post_logout_redirect_uris: [...party.postLogoutRedirectUris],
    token_endpoint_auth_method: party.tokenEndpointAuthMethod,
    ...(party.jwks === null ? {} : { jwks: { keys: party.jwks.keys.map((k) => ({ ...k })) } }),
    [tenantClaimProperty]: party.tenantId,
  };
}
