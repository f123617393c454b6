import type { Deps } from '../kernel/deps.js';
import type { AppleIdentityStore } from './ports.js';

/** The Apple identities a CRL must list now (revoked, not yet expired), beside the agent's `revokedCertificates`. */
export async function revokedAppleCertificates(deps: Deps<Pick<AppleIdentityStore, 'listRevokedAppleIdentities'>>): Promise<readonly { readonly serialNumber: string; readonly revokedAt: Date }[]> {
  return deps.stores.listRevokedAppleIdentities(deps.clock.now());
}
