import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { viewUpstreamProvider, type UpstreamProviderId } from './model.js';
import type { UpstreamProviderStore } from './ports.js';

/**
 * Deletes an upstream identity provider. Sign-ins already under way with it fail at their callback
 * (the provider is looked up again there); sessions it started stay until they end, as a password
 * sign-in's do. Needs tenant-wide `settings.manage`.
 */
export async function deleteUpstreamProvider(
  deps: Deps<Pick<UpstreamProviderStore, 'getUpstreamProvider' | 'deleteUpstreamProvider'> & AuditTrail>,
  principal: Principal,
  id: string,
): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Upstream identity providers need tenant-wide settings.manage.');
  return deps.tx.transaction(async (s) => {
    const provider = await s.getUpstreamProvider(principal.tenantId, id as UpstreamProviderId);
    if (provider === undefined) return fail('UPSTREAM_PROVIDER_NOT_FOUND', `No upstream identity provider with id ${id}.`);
    await s.deleteUpstreamProvider(principal.tenantId, provider.id);
    await recordAudit(s, principal, deps.clock.now(), 'upstreamProvider.deleted', { type: 'upstreamProvider', id: provider.id }, viewUpstreamProvider(provider), null);
    return ok({ deleted: true as const });
  });
}
