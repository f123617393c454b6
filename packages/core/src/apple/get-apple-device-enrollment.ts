import { findDeviceInScope } from '../devices/find-device-in-scope.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import type { AppleEnrollmentState, AppleInstalledProfile } from './model.js';
import type { AppleEnrollmentStore } from './ports.js';

/** A user channel of a device (macOS), as admins see it. */
export interface AppleUserChannelView {
  readonly userId: string;
  readonly userShortName: string | null;
  readonly userLongName: string | null;
  readonly updatedAt: Date;
}

/**
 * A device's Apple MDM enrollment as admins see it: how it is identified and reached, and
 * whether its secrets are escrowed, never the secrets or push tokens themselves.
 */
export interface AppleDeviceEnrollmentView {
  readonly state: AppleEnrollmentState;
  readonly userEnrollment: boolean;
  /** Device enrollment only. */
  readonly udid: string | null;
  /** User Enrollment only. */
  readonly enrollmentId: string | null;
  readonly topic: string;
  /** Whether APNs can wake it (a device-channel token is held). */
  readonly pushable: boolean;
  /** Whether ClearPasscode can be sent (an UnlockToken is escrowed). */
  readonly unlockTokenEscrowed: boolean;
  readonly bootstrapTokenEscrowed: boolean;
  readonly installedProfiles: readonly AppleInstalledProfile[];
  readonly userChannels: readonly AppleUserChannelView[];
  readonly authenticatedAt: Date;
  readonly tokenUpdatedAt: Date | null;
  readonly checkedOutAt: Date | null;
}

export type GetAppleDeviceEnrollmentStores = Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups'> & Pick<AppleEnrollmentStore, 'getAppleEnrollment' | 'listAppleUserChannels'>;

/**
 * The Apple MDM enrollment of a device (`GET /devices/{id}/mdm-enrollment`), or null when the
 * device was never enrolled over MDM (an agent-managed device). Needs `devices.read` over it.
 */
export async function getAppleDeviceEnrollment(deps: Deps<GetAppleDeviceEnrollmentStores>, principal: Principal, deviceId: string): Promise<Result<AppleDeviceEnrollmentView | null, ErrorCode>> {
  const found = await findDeviceInScope(deps.stores, principal, 'devices.read', deviceId);
  if (!found.ok) return found;
  const device = found.value;
  const enrollment = await deps.stores.getAppleEnrollment(device.tenantId, device.id);
  if (enrollment === undefined) return ok(null);
  const channels = await deps.stores.listAppleUserChannels(device.tenantId, device.id);
  return ok({
    state: enrollment.state,
    userEnrollment: enrollment.userEnrollment,
    udid: enrollment.udid,
    enrollmentId: enrollment.enrollmentId,
    topic: enrollment.topic,
    pushable: enrollment.pushToken !== null && enrollment.pushMagic !== null,
    unlockTokenEscrowed: enrollment.unlockToken !== null,
    bootstrapTokenEscrowed: enrollment.bootstrapToken !== null,
    installedProfiles: enrollment.installedProfiles,
    userChannels: channels.map((c) => ({ userId: c.userId, userShortName: c.userShortName, userLongName: c.userLongName, updatedAt: c.updatedAt })),
    authenticatedAt: enrollment.authenticatedAt,
    tokenUpdatedAt: enrollment.tokenUpdatedAt,
    checkedOutAt: enrollment.checkedOutAt,
  });
}
