import type { TenantId, UserId, UserStore } from '@ward/core';
import type { FindIdentityAccount } from '../create-identity-provider.js';

/**
 * The provider's `findAccount` over the directory: the subject is the user id, looked up in the
 * relying party's tenant; a disabled or deleted user is no account, so their refresh tokens stop
 * working too. Releases the OIDC Core §5.1 claims the directory holds.
 */
export function findDirectoryAccount(stores: Pick<UserStore, 'getUser'>): FindIdentityAccount {
  return async ({ accountId, tenantId }) => {
    if (tenantId === null) return undefined;
    const user = await stores.getUser(tenantId as TenantId, accountId as UserId);
    if (user === undefined || user.disabled) return undefined;
    return {
      accountId: user.id,
      claims: {
        email: user.email,
        // Admins enter directory addresses; no one proved to Ward they receive mail there.
        email_verified: false,
        name: user.displayName,
        preferred_username: user.email,
        ...(user.givenName === null ? {} : { given_name: user.givenName }),
        ...(user.surname === null ? {} : { family_name: user.surname }),
        updated_at: Math.floor(user.updatedAt.getTime() / 1000),
      },
    };
  };
}
