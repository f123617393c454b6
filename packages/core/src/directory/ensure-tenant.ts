import type { TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { Tenant } from '../kernel/tenant.js';
import { defaultTenantSlug } from '../kernel/tenant.js';
import type { TenantStore } from './ports.js';

/** The tenant with this slug, created if it does not exist yet (first start creates `default`). */
export async function ensureTenant(deps: Deps<TenantStore>, slug: string = defaultTenantSlug, name = 'Default'): Promise<Tenant> {
  const existing = await deps.stores.getTenantBySlug(slug);
  if (existing !== undefined) return existing;
  const tenant: Tenant = { id: deps.ids.newId() as TenantId, slug, name, createdAt: deps.clock.now() };
  // Another process may create it at the same moment; whichever insert loses reads the winner.
  if (await deps.stores.insertTenant(tenant)) return tenant;
  const winner = await deps.stores.getTenantBySlug(slug);
  if (winner === undefined) throw new Error(`Tenant ${slug} could neither be created nor read.`);
  return winner;
}
