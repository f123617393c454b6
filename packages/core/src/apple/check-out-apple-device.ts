import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { cancelAppleCommands, type CancelAppleCommandsStores } from './cancel-apple-commands.js';
import type { AppleEnrollmentStore, AppleIdentityStore } from './ports.js';
import type { BoundAppleSession } from './resolve-apple-request.js';

export type CheckOutAppleDeviceStores = Pick<DeviceStore, 'getDevice' | 'updateDevice'> &
  Pick<AppleEnrollmentStore, 'getAppleEnrollment' | 'putAppleEnrollment' | 'deleteAppleUserChannels'> &
  Pick<AppleIdentityStore, 'retireAppleIdentities'> &
  CancelAppleCommandsStores &
  AuditTrail &
  EventPublisher;

/**
 * CheckOut (issue 5 §4): the MDM profile was removed, and the device leaves management as an
 * agent retire does: the device is retired, its push tokens, UnlockToken and bootstrap token
 * dropped, its Apple certificates revoked and its pending Apple commands canceled. Audited.
 */
export async function checkOutAppleDevice(deps: Deps<CheckOutAppleDeviceStores>, session: BoundAppleSession): Promise<Result<{ readonly checkedOut: true }, ErrorCode>> {
  const { tenantId, id: deviceId } = session.device;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const [device, enrollment] = [await s.getDevice(tenantId, deviceId), await s.getAppleEnrollment(tenantId, deviceId)];
    if (device === undefined || enrollment === undefined) return fail('APPLE_IDENTITY_UNKNOWN', 'The device of this certificate no longer exists.');
    await s.putAppleEnrollment({ ...enrollment, state: 'checkedOut', pushToken: null, pushMagic: null, unlockToken: null, bootstrapToken: null, checkedOutAt: now });
    await s.deleteAppleUserChannels(tenantId, deviceId);
    const revoked = await s.retireAppleIdentities(tenantId, deviceId, 'revoked', now);
    const canceled = await cancelAppleCommands(s, tenantId, deviceId, now, 'checkedOut');
    await s.updateDevice({ ...device, managementState: 'retired', updatedAt: now });
    await recordAudit(s, session.principal, now, 'device.retired', { type: 'device', id: deviceId }, { managementState: device.managementState }, { managementState: 'retired', reason: 'checkOut', certificates: revoked, canceledCommands: canceled });
    s.publish({ type: 'device.changed', tenantId, subject: deviceId });
    return ok({ checkedOut: true as const });
  });
}
