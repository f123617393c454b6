import { type AuthDeps, type TenantId, type UserId, type WardStores } from '@ward/core';
import { createIdentityProvider, mountIdentityProvider, type FindIdentityAccount, type IdentityProvider } from '@ward/idp';
import { publicRoute, type WardApi } from '@ward/http';
import type { SigningKeySet } from '@ward/idp';

/** What the identity provider needs from the composition root. */
export interface IdentityProviderWiring {
  readonly deps: AuthDeps<WardStores>;
  /** `https://host:port` the provider's issuer lives under (`<publicUrl>/oidc`). */
  readonly publicUrl: string;
  readonly keys: SigningKeySet;
  /** Whether a peer address is a trusted reverse proxy. */
  readonly trustedPeer?: (address: string | undefined) => boolean;
}

/**
 * The directory's users as the provider's accounts: a user of the relying party's tenant who is
 * not disabled, with the standard claims Ward knows. A disabled or deleted user is no account, so
 * their refresh tokens stop working at once.
 */
export function directoryAccounts(deps: AuthDeps<WardStores>): FindIdentityAccount {
  return async ({ accountId, tenantId }) => {
    if (tenantId === null) return undefined;
    const user = await deps.stores.getUser(tenantId as TenantId, accountId as UserId);
    if (user === undefined || user.disabled) return undefined;
    return { accountId: user.id, claims: { sub: user.id, email: user.email, email_verified: true, name: user.displayName, preferred_username: user.email } };
  };
}

/** Mounts Ward's OpenID provider at `/oidc` on the API (issue 6 §1); returns it for the sign-in pages. */
export function registerIdentityProvider(api: WardApi, wiring: IdentityProviderWiring): IdentityProvider {
  const idp = createIdentityProvider({
    publicUrl: wiring.publicUrl,
    stores: wiring.deps.stores,
    keys: wiring.keys,
    findAccount: directoryAccounts(wiring.deps),
    clock: wiring.deps.clock,
  });
  mountIdentityProvider(api, idp, { prefix: idp.mountPath, routeConfig: publicRoute(), ...(wiring.trustedPeer === undefined ? {} : { trustedPeer: wiring.trustedPeer }) });
  return idp;
}
