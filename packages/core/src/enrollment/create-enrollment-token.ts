import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { GroupStore, UserStore } from '../directory/ports.js';
import type { GroupId, UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { hasControlCharacters } from '../kernel/control-characters.js';
import { formatEnrollmentToken } from './enrollment-token-text.js';
import type { EnrollmentToken, EnrollmentTokenId } from './model.js';
import type { EnrollmentTokenStore } from './ports.js';

export type CreateEnrollmentTokenStores = Pick<EnrollmentTokenStore, 'insertEnrollmentToken'> & Pick<GroupStore, 'getGroup'> & Pick<UserStore, 'getUser'> & AuditTrail;

/** Longest lifetime of an enrollment token. */
export const maxEnrollmentTokenDays = 90;

/** A new enrollment token's settings. */
export interface CreateEnrollmentTokenInput {
  readonly name: string;
  /** 1 for a one-time token; null for any number until expiry. */
  readonly maxUses: number | null;
  readonly ownership: 'corporate' | 'personal';
  readonly expiresInHours: number;
  readonly targetGroupId?: string | null;
  readonly userId?: string | null;
}

/** The token (without its hash) and its text, shown once. */
export interface CreatedEnrollmentToken {
  readonly token: Omit<EnrollmentToken, 'secretHash'>;
  readonly text: string;
}

/**
 * Creates an enrollment token. Devices that enroll with it get its ownership, join its target
 * static device group, and belong to its user, if any. Needs tenant-wide `devices.write`.
 */
export async function createEnrollmentToken(deps: Deps<CreateEnrollmentTokenStores>, principal: Principal, input: CreateEnrollmentTokenInput): Promise<Result<CreatedEnrollmentToken, ErrorCode>> {
  if (!holdsTenantWide(principal, 'devices.write')) return fail('FORBIDDEN', 'Enrollment tokens need tenant-wide devices.write.');
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100 || hasControlCharacters(name)) return fail('VALIDATION_FAILED', 'A token name must have 1 to 100 printable characters.', { field: 'name' });
  if (input.maxUses !== null && (!Number.isInteger(input.maxUses) || input.maxUses < 1 || input.maxUses > 1_000_000)) {
    return fail('VALIDATION_FAILED', 'maxUses must be a whole number from 1 to 1000000, or null for unlimited.', { field: 'maxUses' });
  }
  if (!(['corporate', 'personal'] as readonly string[]).includes(input.ownership)) return fail('VALIDATION_FAILED', 'ownership must be corporate or personal.', { field: 'ownership' });
  if (!Number.isInteger(input.expiresInHours) || input.expiresInHours < 1 || input.expiresInHours > maxEnrollmentTokenDays * 24) {
    return fail('VALIDATION_FAILED', `expiresInHours must be a whole number from 1 to ${maxEnrollmentTokenDays * 24}.`, { field: 'expiresInHours' });
  }
  return deps.tx.transaction(async (s) => {
    const targetGroupId = (input.targetGroupId ?? null) as GroupId | null;
    if (targetGroupId !== null) {
      const group = await s.getGroup(principal.tenantId, targetGroupId);
      if (group === undefined) return fail('GROUP_NOT_FOUND', `No group with id ${targetGroupId}.`, { field: 'targetGroupId' });
      if (group.membershipType !== 'static' || group.memberType !== 'device') return fail('VALIDATION_FAILED', 'The target group must be a static device group.', { field: 'targetGroupId' });
    }
    const userId = (input.userId ?? null) as UserId | null;
    if (userId !== null && (await s.getUser(principal.tenantId, userId)) === undefined) return fail('USER_NOT_FOUND', `No user with id ${userId}.`, { field: 'userId' });
    const now = deps.clock.now();
    const id = deps.ids.newId() as EnrollmentTokenId;
    const text = formatEnrollmentToken(id, deps.ids.randomBytes(32));
    const token: EnrollmentToken = {
      id,
      tenantId: principal.tenantId,
      name,
      secretHash: deps.digests.sha256Hex(text.slice(text.lastIndexOf('.') + 1)),
      maxUses: input.maxUses,
      uses: 0,
      ownership: input.ownership,
      targetGroupId,
      userId,
      expiresAt: new Date(now.getTime() + input.expiresInHours * 3_600_000),
      revokedAt: null,
      createdBy: principal.actor.name,
      createdAt: now,
    };
    await s.insertEnrollmentToken(token);
    const { secretHash: _h, ...shown } = token;
    await recordAudit(s, principal, now, 'enrollmentToken.created', { type: 'enrollmentToken', id }, null, shown);
    return ok({ token: shown, text });
  });
}
