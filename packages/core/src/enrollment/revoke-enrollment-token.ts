import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { EnrollmentTokenId } from './model.js';
import type { EnrollmentTokenStore } from './ports.js';

/** Revokes an enrollment token; devices already enrolled with it stay enrolled. */
export async function revokeEnrollmentToken(
  deps: Deps<Pick<EnrollmentTokenStore, 'getEnrollmentToken' | 'revokeEnrollmentToken'> & AuditTrail>,
  principal: Principal,
  id: string,
): Promise<Result<{ readonly revoked: true }, ErrorCode>> {
  if (!holdsTenantWide(principal, 'devices.write')) return fail('FORBIDDEN', 'Enrollment tokens need tenant-wide devices.write.');
  return deps.tx.transaction(async (s) => {
    const token = await s.getEnrollmentToken(id as EnrollmentTokenId);
    if (token?.tenantId !== principal.tenantId) return fail('ENROLLMENT_TOKEN_NOT_FOUND', `No enrollment token with id ${id}.`);
    if (token.revokedAt !== null) return ok({ revoked: true as const });
    const now = deps.clock.now();
    await s.revokeEnrollmentToken(principal.tenantId, token.id, now);
    await recordAudit(s, principal, now, 'enrollmentToken.revoked', { type: 'enrollmentToken', id: token.id }, { revokedAt: null }, { revokedAt: now });
    return ok({ revoked: true as const });
  });
}
