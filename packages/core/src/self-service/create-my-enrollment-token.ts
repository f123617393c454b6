import type { AuditTrail } from '../audit/ports.js';
import { recordAudit } from '../audit/record-audit.js';
import type { UserStore } from '../directory/ports.js';
import { formatEnrollmentToken } from '../enrollment/enrollment-token-text.js';
import { defaultRestrictions, type EnrollmentToken, type EnrollmentTokenId } from '../enrollment/model.js';
import type { DeviceRegistry, EnrollmentRestrictionsStore, EnrollmentTokenStore } from '../enrollment/ports.js';
import type { Principal } from '../kernel/context.js';
import { getActivePushCredential } from '../push-certificates/get-active-push-credential.js';
import type { PushCertificateStore } from '../push-certificates/ports.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { selfOf } from './own-device.js';

export type CreateMyEnrollmentTokenStores = Pick<EnrollmentTokenStore, 'insertEnrollmentToken'> &
  Pick<EnrollmentRestrictionsStore, 'getEnrollmentRestrictions'> &
  Pick<DeviceRegistry, 'countDevicesOfUser'> &
  Pick<UserStore, 'getUser'> &
  Pick<PushCertificateStore, 'getPushCertificates'> &
  AuditTrail;

/** How long a self-service token lives: long enough to install the agent, short enough that a leaked one soon dies. */
export const myEnrollmentTokenHours = 1;

/** What the person enrolls: a device of theirs, or one the company gave them. */
export interface CreateMyEnrollmentTokenInput {
  readonly ownership: 'corporate' | 'personal';
}

/** The token (without its hash) and its text, shown once. */
export interface MyEnrollmentToken {
  readonly token: Omit<EnrollmentToken, 'secretHash'>;
  readonly text: string;
  /**
   * Whether an iPhone, iPad or Mac can enroll with it now through Apple's device management: the
   * tenant has a push certificate that has not expired (the profile download refuses otherwise).
   */
  readonly appleReady: boolean;
}

/**
 * An enrollment token a signed-in person makes for one device of their own (issue 8 §3): one use,
 * {@link myEnrollmentTokenHours} hour(s), bound to them (the device gets them as primary user), no
 * target group. It is refused up front when the tenant takes no personal devices
 * (ENROLLMENT_PERSONAL_NOT_ALLOWED) or the person already has as many devices as the tenant allows
 * (ENROLLMENT_DEVICE_LIMIT); enrollment checks the limit again when the device arrives. Needs no
 * admin permission: a token bound to the caller can only add a device to the caller.
 */
export async function createMyEnrollmentToken(deps: Deps<CreateMyEnrollmentTokenStores>, principal: Principal, input: CreateMyEnrollmentTokenInput): Promise<Result<MyEnrollmentToken, ErrorCode>> {
  const self = selfOf(principal);
  if (!self.ok) return self;
  const userId = self.value;
  const [user, restrictions, devices, push] = await Promise.all([
    deps.stores.getUser(principal.tenantId, userId),
    deps.stores.getEnrollmentRestrictions(principal.tenantId),
    deps.stores.countDevicesOfUser(principal.tenantId, userId),
    getActivePushCredential(deps, principal.tenantId),
  ]);
  if (user === undefined) return fail('USER_NOT_FOUND', 'Your account no longer exists.');
  const rules = restrictions ?? defaultRestrictions(principal.tenantId, new Date(0));
  if (input.ownership === 'personal' && !rules.allowPersonal) return fail('ENROLLMENT_PERSONAL_NOT_ALLOWED', 'Your organisation does not allow personal devices to enroll.');
  if (devices >= rules.maxDevicesPerUser) {
    return fail('ENROLLMENT_DEVICE_LIMIT', `You have ${devices} devices already, the most your organisation allows; remove one first.`, { maxDevices: rules.maxDevicesPerUser });
  }
  const now = deps.clock.now();
  const id = deps.ids.newId() as EnrollmentTokenId;
  const text = formatEnrollmentToken(id, deps.ids.randomBytes(32));
  const token: EnrollmentToken = {
    id,
    tenantId: principal.tenantId,
    // Names are for admins reading the token list: whose it is and that the portal made it.
    name: `Portal: ${user.email}`.slice(0, 100),
    secretHash: deps.digests.sha256Hex(text.slice(text.lastIndexOf('.') + 1)),
    maxUses: 1,
    uses: 0,
    ownership: input.ownership,
    targetGroupId: null,
    userId,
    expiresAt: new Date(now.getTime() + myEnrollmentTokenHours * 3_600_000),
    revokedAt: null,
    createdBy: principal.actor.name,
    createdAt: now,
  };
  const { secretHash: _hash, ...shown } = token;
  await deps.tx.transaction(async (s) => {
    await s.insertEnrollmentToken(token);
    await recordAudit(s, principal, now, 'enrollmentToken.created', { type: 'enrollmentToken', id }, null, { ...shown, selfService: true });
  });
  return ok({ token: shown, text, appleReady: push !== null });
}
