import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { holdsTenantWide } from './authorize.js';
import { mintAccessToken } from './issue-session.js';
import type { AccessToken } from './model.js';
import type { AccessTokenStore, GroupStore, RoleAssignmentStore, UserStore } from './ports.js';
import { grantCovers } from './roles.js';
import { validateGrant } from './validate-grant.js';

export type CreateApiTokenStores = Pick<UserStore, 'getUser'> & Pick<GroupStore, 'getGroups'> & Pick<RoleAssignmentStore, 'listRoleAssignments'> & Pick<AccessTokenStore, 'insertAccessToken'> & AuditTrail;

/** Longest allowed lifetime of an API token. Tokens that never expire are a finding in every audit. */
export const maxTokenDays = 366;

/** A new API token's settings. */
export interface CreateApiTokenInput {
  readonly name: string;
  readonly role: string;
  readonly scopeGroupIds?: readonly string[] | null;
  readonly expiresInDays: number;
  /** Whose token it is; defaults to the caller. Only global admins mint tokens for others. */
  readonly ownerUserId?: string;
}

/** The token record (no secret) and its bearer text, shown this once. */
export interface CreatedApiToken {
  readonly token: Omit<AccessToken, 'secretHash'>;
  readonly bearer: string;
}

/**
 * Creates an API token for automation. The token carries one role that its owner holds, with the
 * owner's scope or a narrower one; its secret is shown once and stored only as a hash.
 */
export async function createApiToken(deps: Deps<CreateApiTokenStores>, principal: Principal, input: CreateApiTokenInput): Promise<Result<CreatedApiToken, ErrorCode>> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) return fail('VALIDATION_FAILED', 'A token name must have 1 to 100 characters.', { field: 'name' });
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > maxTokenDays) {
    return fail('VALIDATION_FAILED', `expiresInDays must be a whole number from 1 to ${maxTokenDays}.`, { field: 'expiresInDays' });
  }
  const ownerId = (input.ownerUserId ?? principal.userId) as UserId | null;
  if (ownerId === null) return fail('VALIDATION_FAILED', 'Name the admin who owns the token.', { field: 'ownerUserId' });
  if (ownerId !== principal.userId && !holdsTenantWide(principal, 'admins.manage')) return fail('FORBIDDEN', 'Only global admins create tokens for other admins.');
  return deps.tx.transaction(async (s) => {
    const owner = await s.getUser(principal.tenantId, ownerId);
    if (owner === undefined) return fail('USER_NOT_FOUND', `No user with id ${ownerId}.`);
    const grant = await validateGrant(s, principal.tenantId, input.role, input.scopeGroupIds);
    if (!grant.ok) return grant;
    const held = (await s.listRoleAssignments(principal.tenantId, owner.id)).some((a) => grantCovers(a, grant.value));
    if (!held) return fail('FORBIDDEN', `${owner.email} does not hold the role ${grant.value.role} with that scope, so a token cannot carry it.`);
    const now = deps.clock.now();
    const issued = mintAccessToken(deps.ids, deps.digests, {
      tenantId: principal.tenantId,
      kind: 'api',
      userId: owner.id,
      name,
      grant: grant.value,
      now,
      expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
    });
    await s.insertAccessToken(issued.token);
    const { secretHash: _hash, ...token } = issued.token;
    await recordAudit(s, principal, now, 'apiToken.created', { type: 'apiToken', id: token.id }, null, token);
    return ok({ token, bearer: issued.bearer });
  });
}
