import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { PasskeyStore } from './passkey-ports.js';
import { secondFactorOwner } from './webauthn-challenge.js';

/**
 * Removes one of the signed-in person's passkeys. Someone else's passkey and a missing one answer
 * the same PASSKEY_NOT_FOUND, so ids cannot be probed.
 */
export async function removePasskey(deps: Deps<Pick<PasskeyStore, 'deletePasskey'> & AuditTrail>, principal: Principal, id: string): Promise<Result<{ readonly removed: true }, ErrorCode>> {
  const self = secondFactorOwner(principal);
  if (!self.ok) return self;
  const userId = self.value;
  return deps.tx.transaction(async (s) => {
    if (!(await s.deletePasskey(principal.tenantId, userId, id))) return fail('PASSKEY_NOT_FOUND', `You have no passkey with id ${id.slice(0, 64)}.`);
    await recordAudit(s, principal, deps.clock.now(), 'user.passkeyRemoved', { type: 'user', id: userId }, null, { passkeyId: id });
    return ok({ removed: true as const });
  });
}
