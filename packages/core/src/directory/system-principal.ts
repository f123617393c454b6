import type { TenantId } from '../kernel/brand.js';
import type { Origin, Principal } from '../kernel/context.js';

/**
 * The principal of the server itself or of an operator at the `ward` CLI on the server's host:
 * whoever can run the CLI there can read the database anyway, so it acts as global admin. Its acts
 * are still audited under the actor `cli` or `system`.
 */
export function systemPrincipal(tenantId: TenantId, via: 'cli' | 'system', origin?: Omit<Origin, 'via'>): Principal {
  return {
    tenantId,
    userId: null,
    actor: { type: 'system', id: via, name: via },
    grants: [{ role: 'globalAdmin', scopeGroupIds: null }],
    origin: { ...origin, via },
  };
}
