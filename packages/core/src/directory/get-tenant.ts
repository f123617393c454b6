import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Tenant } from '../kernel/tenant.js';
import type { TenantStore } from './ports.js';

/** The caller's tenant. */
export async function getTenant(deps: Deps<Pick<TenantStore, 'getTenant'>>, principal: Principal): Promise<Result<Tenant, ErrorCode>> {
  const tenant = await deps.stores.getTenant(principal.tenantId);
  return tenant === undefined ? fail('TENANT_NOT_FOUND', 'The tenant of this token no longer exists.') : ok(tenant);
}
