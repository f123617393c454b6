import type { TenantId } from '../kernel/brand.js';
import { compileAccessPolicies, type CompiledAccessPolicies } from './compile-access-policies.js';
import type { AccessPolicyStore } from './ports.js';

/** Where decisions get a tenant's compiled policies from. */
export interface AccessPolicySource {
  /** The tenant's policies, compiled. */
  compiledFor(tenantId: TenantId): Promise<CompiledAccessPolicies>;
}

/** A source that keeps each tenant's compiled policies until told they changed. */
export interface AccessPolicyCache extends AccessPolicySource {
  /**
   * Forgets the tenant's compiled policies: call it for every `accessPolicy.changed` event (the
   * event bus delivers them from every node on PostgreSQL), so the next decision compiles again.
   */
  invalidate(tenantId: TenantId): void;
}

/**
 * Compiles each tenant's policies once and serves them to every authorization and refresh until
 * {@link AccessPolicyCache.invalidate}: one `listAllAccessPolicies` per change rather than per
 * decision. Concurrent first calls share one load; a load that an invalidation overtook still
 * answers the callers that awaited it but is no longer served; a failed load is dropped so the
 * next call tries again. Holds no timers: the owner wires invalidation to the event bus.
 */
export function createAccessPolicyCache(stores: Pick<AccessPolicyStore, 'listAllAccessPolicies'>): AccessPolicyCache {
  const loads = new Map<TenantId, Promise<CompiledAccessPolicies>>();
  return {
    compiledFor(tenantId) {
      const cached = loads.get(tenantId);
      if (cached !== undefined) return cached;
      const load = stores.listAllAccessPolicies(tenantId).then(compileAccessPolicies);
      loads.set(tenantId, load);
      load.catch(() => {
        if (loads.get(tenantId) === load) loads.delete(tenantId);
      });
      return load;
    },
    invalidate(tenantId) {
      loads.delete(tenantId);
    },
  };
}
