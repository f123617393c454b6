import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { viewRelyingParty, type RelyingPartyId } from './model.js';
import type { IdentityProviderStateStore, RelyingPartyStore } from './ports.js';

/**
 * Deletes a relying party and, in the same transaction, every provider state naming it (codes,
 * tokens, grants), so nothing it was issued keeps working. Needs tenant-wide `settings.manage`.
 */
export async function deleteRelyingParty(
  deps: Deps<Pick<RelyingPartyStore, 'getRelyingParty' | 'deleteRelyingParty'> & Pick<IdentityProviderStateStore, 'deleteIdpStatesByClientId'> & AuditTrail>,
  principal: Principal,
  id: string,
): Promise<Result<{ readonly deleted: true; readonly revokedStates: number }, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Relying parties need tenant-wide settings.manage.');
  return deps.tx.transaction(async (s) => {
    const party = await s.getRelyingParty(principal.tenantId, id as RelyingPartyId);
    if (party === undefined) return fail('RELYING_PARTY_NOT_FOUND', `No relying party with id ${id}.`);
    await s.deleteRelyingParty(principal.tenantId, party.id);
    const revokedStates = await s.deleteIdpStatesByClientId(party.id);
    const now = deps.clock.now();
    await recordAudit(s, principal, now, 'relyingParty.deleted', { type: 'relyingParty', id: party.id }, viewRelyingParty(party), { revokedStates });
    return ok({ deleted: true as const, revokedStates });
  });
}
