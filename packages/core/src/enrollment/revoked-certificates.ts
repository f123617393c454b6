import type { Deps } from '../kernel/deps.js';
import type { DeviceIdentityStore } from './ports.js';

/** The serials a CRL must list now: revoked identities that have not expired yet. */
export async function revokedCertificates(deps: Deps<Pick<DeviceIdentityStore, 'listRevokedIdentities'>>): Promise<readonly { readonly serialNumber: string; readonly revokedAt: Date }[]> {
  return deps.stores.listRevokedIdentities(deps.clock.now());
}
