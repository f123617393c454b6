import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { ApiTokenId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { holdsTenantWide } from './authorize.js';
import type { AccessTokenStore } from './ports.js';

/** Revokes an API token: the caller's own, or anyone's for a global admin. Takes effect at once. */
export async function revokeApiToken(deps: Deps<Pick<AccessTokenStore, 'getAccessToken' | 'revokeAccessToken'> & AuditTrail>, principal: Principal, id: string): Promise<Result<{ readonly revoked: true }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const token = await s.getAccessToken(id as ApiTokenId);
    const notFound = fail('API_TOKEN_NOT_FOUND', `No API token with id ${id}.`);
    if (token === undefined || token.tenantId !== principal.tenantId || token.kind !== 'api') return notFound;
    if (token.userId !== principal.userId && !holdsTenantWide(principal, 'admins.manage')) return notFound;
    if (token.revokedAt !== null) return ok({ revoked: true as const });
    const now = deps.clock.now();
    await s.revokeAccessToken(principal.tenantId, token.id, now);
    const { secretHash: _h, ...before } = token;
    await recordAudit(s, principal, now, 'apiToken.revoked', { type: 'apiToken', id: token.id }, before, { ...before, revokedAt: now });
    return ok({ revoked: true as const });
  });
}
