import type { UserStore } from '../directory/ports.js';
import type { Role } from '../directory/roles.js';
import type { DeviceRegistry, EnrollmentRestrictionsStore } from '../enrollment/ports.js';
import { defaultRestrictions } from '../enrollment/model.js';
import type { Platform } from '../devices/model.js';
import type { UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { selfOf } from './own-device.js';

export type GetMyAccountStores = Pick<UserStore, 'getUser'> & Pick<EnrollmentRestrictionsStore, 'getEnrollmentRestrictions'> & Pick<DeviceRegistry, 'countDevicesOfUser'>;

/** Who is signed in to the portal and what they may enroll. */
export interface MyAccount {
  readonly userId: UserId;
  readonly email: string;
  readonly displayName: string;
  /** Admin roles the person also holds (the portal links to the console when there are any). */
  readonly roles: readonly Role[];
  readonly enrollment: {
    readonly allowedPlatforms: readonly Platform[];
    readonly allowPersonal: boolean;
    readonly maxDevices: number;
    /** Devices not retired whose primary user is this person; enrolling stops at `maxDevices`. */
    readonly devices: number;
  };
}

/**
 * The portal's `me`: the person, and the tenant's enrollment rules as they apply to them. Any
 * signed-in person may read it; it needs no admin permission.
 */
export async function getMyAccount(deps: Deps<GetMyAccountStores>, principal: Principal): Promise<Result<MyAccount, ErrorCode>> {
  const self = selfOf(principal);
  if (!self.ok) return self;
  const [user, restrictions, devices] = await Promise.all([
    deps.stores.getUser(principal.tenantId, self.value),
    deps.stores.getEnrollmentRestrictions(principal.tenantId),
    deps.stores.countDevicesOfUser(principal.tenantId, self.value),
  ]);
  if (user === undefined) return fail('USER_NOT_FOUND', 'Your account no longer exists.');
  const rules = restrictions ?? defaultRestrictions(principal.tenantId, new Date(0));
  return ok({
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: [...new Set(principal.grants.map((g) => g.role))],
    enrollment: { allowedPlatforms: rules.allowedPlatforms, allowPersonal: rules.allowPersonal, maxDevices: rules.maxDevicesPerUser, devices },
  });
}
