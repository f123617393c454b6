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

/**
 * Replaces a relying party's client secret with a new one, returned this once; the old secret
 * stops working at once (tokens already issued stay valid). Only for the secret-based methods.
 * Needs tenant-wide `settings.manage`.
 */
export async function rotateRelyingPartySecret(
  deps: Deps<Pick<RelyingPartyStore, 'getRelyingParty' | 'updateRelyingParty'> & AuditTrail>,
  principal: Principal,
  id: string,
): Promise<Result<RelyingPartyWithSecret, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Relying parties need tenant-wide settings.manage.');
  return deps.tx.transaction(async (s) => {
    const before = await s.getRelyingParty(principal.tenantId, id as RelyingPartyId);
    if (before === undefined) return fail('RELYING_PARTY_NOT_FOUND', `No relying party with id ${id}.`);
    if (!usesClientSecret(before.tokenEndpointAuthMethod)) {
      return fail('RELYING_PARTY_INVALID', `The relying party authenticates with ${before.tokenEndpointAuthMethod}, which uses no client secret.`, { field: 'tokenEndpointAuthMethod' });
    }
    const now = deps.clock.now();
    const secret = newRelyingPartySecret(deps.ids);
    const after: RelyingParty = { ...before, clientSecret: secret, secretIssuedAt: now, updatedAt: now };
    await s.updateRelyingParty(after);
    const view = viewRelyingParty(after);
    await recordAudit(s, principal, now, 'relyingParty.secretRotated', { type: 'relyingParty', id: after.id }, { secretIssuedAt: before.secretIssuedAt }, { secretIssuedAt: now });
    return ok({ relyingParty: view, clientSecret: secret });
  });
}
