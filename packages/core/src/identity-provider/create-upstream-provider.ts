import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { upstreamProviderLimits, viewUpstreamProvider, type UpstreamProvider, type UpstreamProviderId, type UpstreamProviderView } from './model.js';
import type { UpstreamProviderStore } from './ports.js';
import { validateUpstreamProviderInput, type UpstreamProviderInput } from './validate-upstream-provider-input.js';

export type CreateUpstreamProviderStores = Pick<UpstreamProviderStore, 'insertUpstreamProvider' | 'countUpstreamProviders'> & AuditTrail;

/**
 * Registers an upstream OpenID provider users of the tenant may sign in with (issue 6 §2). The
 * client secret the admin was given upstream is stored sealed and never returned, not even now.
 * Needs tenant-wide `settings.manage`, as relying parties do: both decide who can sign in.
 */
export async function createUpstreamProvider(deps: Deps<CreateUpstreamProviderStores>, principal: Principal, input: UpstreamProviderInput): Promise<Result<UpstreamProviderView, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Upstream identity providers need tenant-wide settings.manage.');
  const fields = validateUpstreamProviderInput(input);
  if (!fields.ok) return fields;
  return deps.tx.transaction(async (s) => {
    if ((await s.countUpstreamProviders(principal.tenantId)) >= upstreamProviderLimits.perTenant) {
      return fail('UPSTREAM_PROVIDER_LIMIT', `A tenant has at most ${upstreamProviderLimits.perTenant} upstream identity providers; delete one first.`);
    }
    const now = deps.clock.now();
    const provider: UpstreamProvider = { tenantId: principal.tenantId, id: deps.ids.newId() as UpstreamProviderId, ...fields.value, version: 1, createdAt: now, updatedAt: now };
    if (!(await s.insertUpstreamProvider(provider))) return fail('UPSTREAM_PROVIDER_NAME_TAKEN', `An upstream identity provider named ${provider.name} exists already.`, { field: 'name' });
    const view = viewUpstreamProvider(provider);
    await recordAudit(s, principal, now, 'upstreamProvider.created', { type: 'upstreamProvider', id: provider.id }, null, view);
    return ok(view);
  });
}
