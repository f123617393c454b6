import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { parseAccessToken } from './access-token-text.js';
import type { AccessTokenStore } from './ports.js';

/** Ends the session whose bearer made this request. */
export async function signOut(deps: Deps<Pick<AccessTokenStore, 'revokeAccessToken'> & AuditTrail>, principal: Principal, bearer: string): Promise<Result<{ readonly signedOut: true }, ErrorCode>> {
  const parsed = parseAccessToken(bearer);
  if (parsed?.kind !== 'session') return fail('VALIDATION_FAILED', 'Only a session can sign out; revoke API tokens instead.');
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    await s.revokeAccessToken(principal.tenantId, parsed.id, now);
    await recordAudit(s, principal, now, 'user.signedOut', { type: 'session', id: parsed.id }, null, null);
    return ok({ signedOut: true as const });
  });
}
