import type { TenantId } from '../kernel/brand.js';
import { compileFilters } from './compile-assignment-filter.js';
import type { PolicySnapshot } from './compute-desired-state.js';
import type { AssignmentFilterStore, AssignmentStore, ProfileStore } from './ports.js';

export type PolicySnapshotStores = Pick<ProfileStore, 'listAllProfiles'> & Pick<AssignmentStore, 'listAssignments'> & Pick<AssignmentFilterStore, 'listAssignmentFilters'>;

/** Reads a tenant's profiles, profile assignments and filters once, filters compiled, for many devices. */
export async function loadPolicySnapshot(stores: PolicySnapshotStores, tenantId: TenantId): Promise<PolicySnapshot> {
  // One after another: inside a transaction the store has one connection.
  const profiles = await stores.listAllProfiles(tenantId);
  const assignments = await stores.listAssignments(tenantId, 'profile');
  const filters = await stores.listAssignmentFilters(tenantId);
  return { profiles: new Map(profiles.map((p) => [p.id, p])), assignments, filters: compileFilters(filters) };
}
