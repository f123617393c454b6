import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { usesClientSecret, viewRelyingParty, type RelyingParty, type RelyingPartyId } from './model.js';
import type { RelyingPartyStore } from './ports.js';
import type { RelyingPartyWithSecret } from './create-relying-party.js';
import { newRelyingPartySecret } from './relying-party-secret.js';
import { validateRelyingPartyInput, type RelyingPartyInput } from './validate-relying-party-input.js';

/** The fields to change; absent ones keep their value. `jwks: null` removes the keys. */
export type UpdateRelyingPartyInput = Partial<RelyingPartyInput>;

/**
 * Changes a relying party; the whole result is validated as a registration is. Moving to a
 * secret-based method generates a secret, returned this once; moving away drops the secret. The
 * client id never changes, so tokens already issued stay valid. Needs tenant-wide `settings.manage`.
 */
export async function updateRelyingParty(
  deps: Deps<Pick<RelyingPartyStore, 'getRelyingParty' | 'updateRelyingParty'> & AuditTrail>,
  principal: Principal,
  id: string,
  input: UpdateRelyingPartyInput,
): Promise<Result<RelyingPartyWithSecret, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Relying parties need tenant-wide settings.manage.');
  return deps.tx.transaction(async (s) => {
    const before = await s.getRelyingParty(principal.tenantId, id as RelyingPartyId);
    if (before === undefined) return fail('RELYING_PARTY_NOT_FOUND', `No relying party with id ${id}.`);
    const fields = validateRelyingPartyInput({
      name: input.name ?? before.name,
      redirectUris: input.redirectUris ?? before.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris ?? before.postLogoutRedirectUris,
      grantTypes: input.grantTypes ?? before.grantTypes,
      tokenEndpointAuthMethod: input.tokenEndpointAuthMethod ?? before.tokenEndpointAuthMethod,
      jwks: 'jwks' in input ? input.jwks : before.jwks,
    });
    if (!fields.ok) return fields;
    const now = deps.clock.now();
    const wantsSecret = usesClientSecret(fields.value.tokenEndpointAuthMethod);
    const freshSecret = wantsSecret && before.clientSecret === null ? newRelyingPartySecret(deps.ids) : null;
    const after: RelyingParty = {
      ...before,
      ...fields.value,
      clientSecret: wantsSecret ? (freshSecret ?? before.clientSecret) : null,
      secretIssuedAt: wantsSecret ? (freshSecret === null ? before.secretIssuedAt : now) : null,
      updatedAt: now,
    };
    await s.updateRelyingParty(after);
    const view = viewRelyingParty(after);
    await recordAudit(s, principal, now, 'relyingParty.updated', { type: 'relyingParty', id: after.id }, viewRelyingParty(before), view);
    return ok({ relyingParty: view, clientSecret: freshSecret });
  });
}
