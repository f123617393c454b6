import type { UserStore } from '../directory/ports.js';
import { findUsableEnrollmentToken } from '../enrollment/find-usable-enrollment-token.js';
import { defaultRestrictions } from '../enrollment/model.js';
import type { EnrollmentRestrictionsStore, EnrollmentTokenStore } from '../enrollment/ports.js';
import type { TenantId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { toHex } from './byte-text.js';
import { scepChallengeTtlMs, type AppleEnrollmentContext } from './model.js';
import type { AppleScepChallengeStore } from './ports.js';

export type CreateAppleEnrollmentChallengeStores = Pick<EnrollmentTokenStore, 'getEnrollmentToken'> &
  Pick<EnrollmentRestrictionsStore, 'getEnrollmentRestrictions'> &
  Pick<UserStore, 'getUser'> &
  Pick<AppleScepChallengeStore, 'insertAppleScepChallenge'>;

/**
 * Who asks for an enrollment profile: a device holder with an enrollment token, or a user signed
 * in to the self-service portal (their own device; personal unless said otherwise).
 */
export type AppleEnrollmentRequest =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'user'; readonly principal: Principal; readonly ownership?: 'corporate' | 'personal' };

/** The challenge to put in the profile's SCEP payload, shown once, and how to enroll. */
export interface AppleEnrollmentChallenge {
  readonly tenantId: TenantId;
  /** The SCEP challenge password: 64 hex characters (PrintableString-safe), valid once. */
  readonly challenge: string;
  readonly expiresAt: Date;
  readonly ownership: 'corporate' | 'personal';
  /**
   * Apple's User Enrollment (reduced access rights, an EnrollmentID instead of the UDID): for a
   * personal device whose user is known, since User Enrollment needs their Managed Apple Account.
   * A personal device without a known user gets a device enrollment with fewer access rights.
   */
  readonly userEnrollment: boolean;
  /** The Managed Apple Account a User Enrollment names: the user's e-mail address. */
  readonly managedAppleId?: string;
}

/**
 * Makes the one-time SCEP challenge of an enrollment profile (issue 5 §2). The token is checked
 * here (malformed, revoked, expired, used up: refused) but its use is counted only when a device
 * completes Authenticate, so a profile downloaded and never installed does not spend a one-time
 * token. The challenge is stored hashed, bound to the tenant, ownership, target group, user and
 * token, and expires after {@link scepChallengeTtlMs}.
 */
export async function createAppleEnrollmentChallenge(deps: Deps<CreateAppleEnrollmentChallengeStores>, request: AppleEnrollmentRequest): Promise<Result<AppleEnrollmentChallenge, ErrorCode>> {
  const now = deps.clock.now();
  let tenantId: TenantId;
  let context: AppleEnrollmentContext;
  let managedAppleId: string | undefined;
  if (request.kind === 'token') {
    const found = await findUsableEnrollmentToken(deps.stores, deps.digests, request.token, now);
    if (!found.ok) return found;
    const token = found.value;
    tenantId = token.tenantId;
    const user = token.userId === null ? undefined : await deps.stores.getUser(token.tenantId, token.userId);
    managedAppleId = token.ownership === 'personal' ? user?.email : undefined;
    context = { ownership: token.ownership, targetGroupId: token.targetGroupId, userId: token.userId, enrollmentTokenId: token.id, userEnrollment: managedAppleId !== undefined };
  } else {
    const { principal } = request;
    if (principal.userId === null) return fail('FORBIDDEN', 'Only a signed-in directory user can enroll their own device.');
    const user = await deps.stores.getUser(principal.tenantId, principal.userId);
    if (user === undefined || user.disabled) return fail('FORBIDDEN', 'This account may not enroll devices.');
    const ownership = request.ownership ?? 'personal';
    // The adapter passes what the portal sent: checked, not trusted to the type.
    if (!(['personal', 'corporate'] as readonly string[]).includes(ownership)) return fail('VALIDATION_FAILED', 'ownership must be corporate or personal.', { field: 'ownership' });
    tenantId = principal.tenantId;
    managedAppleId = ownership === 'personal' ? user.email : undefined;
    context = { ownership, targetGroupId: null, userId: user.id, enrollmentTokenId: null, userEnrollment: ownership === 'personal' };
  }
  // Refuse early what Authenticate would refuse anyway, before the user installs anything.
  const restrictions = (await deps.stores.getEnrollmentRestrictions(tenantId)) ?? defaultRestrictions(tenantId, now);
  if (context.ownership === 'personal' && !restrictions.allowPersonal) return fail('ENROLLMENT_PERSONAL_NOT_ALLOWED', 'This organisation does not enroll personal devices.');
  if (!restrictions.allowedPlatforms.some((p) => p === 'ios' || p === 'ipados' || p === 'macos')) return fail('ENROLLMENT_PLATFORM_NOT_ALLOWED', 'Apple devices may not enroll in this organisation.');

  const challenge = toHex(deps.ids.randomBytes(32));
  const expiresAt = new Date(now.getTime() + scepChallengeTtlMs);
  await deps.stores.insertAppleScepChallenge({ tenantId, challengeHash: deps.digests.sha256Hex(challenge), context, expiresAt, createdAt: now });
  return ok({ tenantId, challenge, expiresAt, ownership: context.ownership, userEnrollment: context.userEnrollment, ...(context.userEnrollment && managedAppleId !== undefined ? { managedAppleId } : {}) });
}
