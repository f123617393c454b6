import type { Origin, Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { parseAccessToken } from './access-token-text.js';
import type { AccessTokenStore, RoleAssignmentStore, UserStore } from './ports.js';
import { grantCovers, type Grant } from './roles.js';

export type AuthenticateBearerStores = Pick<AccessTokenStore, 'getAccessToken' | 'touchAccessToken'> & Pick<RoleAssignmentStore, 'listRoleAssignments'> & Pick<UserStore, 'getUser'>;

/** Uses are recorded at most this often per token, to keep reads from turning into writes. */
const touchIntervalMs = 60_000;

/**
 * Turns a bearer token into the principal it acts as. Sessions act with their user's current role
 * assignments; an API token acts with its own role, and only while its owner still holds that role
 * (with a scope that covers the token's), so removing an admin's role also disarms their tokens.
 */
export async function authenticateBearer(deps: Deps<AuthenticateBearerStores>, bearer: string, origin: Origin): Promise<Result<Principal, ErrorCode>> {
  const parsed = parseAccessToken(bearer);
  const unauthenticated = fail('UNAUTHENTICATED', 'The bearer token is missing, malformed or unknown.');
  if (parsed === undefined) return unauthenticated;
  const token = await deps.stores.getAccessToken(parsed.id);
  if (token === undefined || token.kind !== parsed.kind) return unauthenticated;
  const presented = new TextEncoder().encode(deps.digests.sha256Hex(parsed.secret));
  if (!deps.digests.timingSafeEqual(presented, new TextEncoder().encode(token.secretHash))) return unauthenticated;
  const now = deps.clock.now();
  if (token.revokedAt !== null) return fail('TOKEN_REVOKED', 'This token has been revoked.');
  if (token.expiresAt.getTime() <= now.getTime()) return fail('TOKEN_EXPIRED', 'This token has expired; sign in again or create a new token.');
  const user = await deps.stores.getUser(token.tenantId, token.userId);
  if (user === undefined || user.disabled) return fail('UNAUTHENTICATED', 'The account behind this token is disabled or gone.');
  const assignments = await deps.stores.listRoleAssignments(token.tenantId, token.userId);
  let grants: Grant[];
  if (token.kind === 'session') {
    grants = assignments.map((a) => ({ role: a.role, scopeGroupIds: a.scopeGroupIds }));
  } else {
    const role = token.role;
    if (role === null) return fail('TOKEN_REVOKED', 'This API token carries no role.');
    const held = assignments.some((a) => grantCovers(a, { role, scopeGroupIds: token.scopeGroupIds }));
    if (!held) return fail('TOKEN_REVOKED', "This token's owner no longer holds the token's role.");
    grants = [{ role, scopeGroupIds: token.scopeGroupIds }];
  }
  if (token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() > touchIntervalMs) await deps.stores.touchAccessToken(token.id, now);
  return ok({
    tenantId: token.tenantId,
    userId: user.id,
    actor: token.kind === 'session' ? { type: 'user', id: user.id, name: user.email } : { type: 'apiToken', id: token.id, name: `${token.name} (${user.email})` },
    grants,
    origin,
  });
}
