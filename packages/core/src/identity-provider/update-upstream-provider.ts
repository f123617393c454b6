import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { viewUpstreamProvider, type UpstreamProvider, type UpstreamProviderId, type UpstreamProviderView } from './model.js';
import type { UpstreamProviderStore } from './ports.js';
import { validateUpstreamProviderInput, type UpstreamProviderInput } from './validate-upstream-provider-input.js';

/** The fields to change; absent ones keep their value. A `clientSecret` replaces the stored one. */
export type UpstreamProviderPatch = Partial<UpstreamProviderInput> & {
  /** The version the caller edited; a different stored version is UPSTREAM_PROVIDER_VERSION_CONFLICT. */
  readonly expectedVersion?: number;
};

/**
 * Changes an upstream identity provider; the merged result is validated as a registration is.
 * The audit record says whether the secret changed, never what it is. An update that changes
 * nothing writes nothing. Needs tenant-wide `settings.manage`.
 */
export async function updateUpstreamProvider(
  deps: Deps<Pick<UpstreamProviderStore, 'getUpstreamProvider' | 'getUpstreamProviderByName' | 'updateUpstreamProvider'> & AuditTrail>,
  principal: Principal,
  id: string,
  patch: UpstreamProviderPatch,
): Promise<Result<UpstreamProviderView, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Upstream identity providers need tenant-wide settings.manage.');
  return deps.tx.transaction(async (s) => {
    const before = await s.getUpstreamProvider(principal.tenantId, id as UpstreamProviderId);
    if (before === undefined) return fail('UPSTREAM_PROVIDER_NOT_FOUND', `No upstream identity provider with id ${id}.`);
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== before.version) {
      return fail('UPSTREAM_PROVIDER_VERSION_CONFLICT', `The provider is at version ${before.version}, not ${patch.expectedVersion}; reload it and apply your change again.`, { version: before.version });
    }
    const fields = validateUpstreamProviderInput({
      name: patch.name ?? before.name,
      issuer: patch.issuer ?? before.issuer,
      clientId: patch.clientId ?? before.clientId,
      clientSecret: patch.clientSecret ?? before.clientSecret,
      scopes: patch.scopes ?? before.scopes,
      enabled: patch.enabled ?? before.enabled,
      requireVerifiedEmail: patch.requireVerifiedEmail ?? before.requireVerifiedEmail,
    });
    if (!fields.ok) return fields;
    const candidate: UpstreamProvider = { ...before, ...fields.value };
    if (JSON.stringify(candidate) === JSON.stringify(before)) return ok(viewUpstreamProvider(before));
    const now = deps.clock.now();
    const after: UpstreamProvider = { ...candidate, version: before.version + 1, updatedAt: now };
    const namesake = after.name.toLowerCase() === before.name.toLowerCase() ? undefined : await s.getUpstreamProviderByName(after.tenantId, after.name);
    if (namesake !== undefined && namesake.id !== after.id) return fail('UPSTREAM_PROVIDER_NAME_TAKEN', `An upstream identity provider named ${after.name} exists already.`, { field: 'name' });
    if (!(await s.updateUpstreamProvider(after))) {
      return fail('UPSTREAM_PROVIDER_VERSION_CONFLICT', 'The provider changed while this update was being made; reload it and apply your change again.');
    }
    const view = viewUpstreamProvider(after);
    const secretChanged = after.clientSecret !== before.clientSecret;
    await recordAudit(s, principal, now, 'upstreamProvider.updated', { type: 'upstreamProvider', id: after.id }, viewUpstreamProvider(before), { ...view, secretChanged });
    return ok(view);
  });
}
