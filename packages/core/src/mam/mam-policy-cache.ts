import type { TenantId } from '../kernel/brand.js';
import { compileMamPolicies, type CompiledMamPolicies } from './compile-mam-policies.js';
import type { AppConfigurationPolicyStore, AppProtectionPolicyStore } from './ports.js';

/** Where check-ins get a tenant's compiled MAM policies from. */
export interface MamPolicySource {
  /** The tenant's protection and configuration policies, compiled. */
  compiledFor(tenantId: TenantId): Promise<CompiledMamPolicies>;
}

/** A source that keeps each tenant's compiled policies until told they changed. */
export interface MamPolicyCache extends MamPolicySource {
  /**
   * Forgets the tenant's compiled policies: call it for every `mamPolicy.changed` event (the event
   * bus delivers them from every node on PostgreSQL), so the next check-in compiles again.
   */
  invalidate(tenantId: TenantId): void;
}

export type MamPolicySourceStores = Pick<AppProtectionPolicyStore, 'listAllAppProtectionPolicies'> & Pick<AppConfigurationPolicyStore, 'listAllAppConfigurationPolicies'>;

async function load(stores: MamPolicySourceStores, tenantId: TenantId): Promise<CompiledMamPolicies> {
  const [protection, configuration] = await Promise.all([stores.listAllAppProtectionPolicies(tenantId), stores.listAllAppConfigurationPolicies(tenantId)]);
  return compileMamPolicies(protection, configuration);
}

/** A source that reads and compiles on every call: for one-off callers and tests. */
export function uncachedMamPolicies(stores: MamPolicySourceStores): MamPolicySource {
  return { compiledFor: (tenantId) => load(stores, tenantId) };
}

/**
 * Compiles each tenant's MAM policies once and serves them to every check-in until
 * {@link MamPolicyCache.invalidate}: two reads per change rather than per check-in. Concurrent
 * first calls share one load; a failed load is dropped so the next call tries again. Holds no
 * timers: the owner wires invalidation to the event bus.
 */
export function createMamPolicyCache(stores: MamPolicySourceStores): MamPolicyCache {
  const loads = new Map<TenantId, Promise<CompiledMamPolicies>>();
  return {
    compiledFor(tenantId) {
      const cached = loads.get(tenantId);
      if (cached !== undefined) return cached;
      const loading = load(stores, tenantId);
      loads.set(tenantId, loading);
      loading.catch(() => {
        if (loads.get(tenantId) === loading) loads.delete(tenantId);
      });
      return loading;
    },
    invalidate(tenantId) {
      loads.delete(tenantId);
    },
  };
}
