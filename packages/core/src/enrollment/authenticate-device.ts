import type { Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Origin, Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { DeviceIdentity } from './model.js';
import type { DeviceIdentityStore } from './ports.js';

/** An authenticated device, as a check-in sees it. */
export interface DeviceSession {
  readonly device: Device;
  readonly identity: DeviceIdentity;
  readonly principal: Principal;
}

/** The certificate a device presented, after the TLS layer or the PKI verified its chain. */
export interface PresentedCertificate {
  readonly serialNumber: string;
  readonly fingerprint: string;
}

/**
 * Binds a verified client certificate to its device. Runs on every device request: a revoked,
 * superseded-and-expired or unknown certificate, or a retired device, is refused at once, which is
 * the revocation check the CRL alone could not give in time.
 */
export async function authenticateDevice(
  deps: Deps<Pick<DeviceIdentityStore, 'getDeviceIdentity'> & Pick<DeviceStore, 'getDevice'>>,
  presented: PresentedCertificate,
  origin: Origin,
): Promise<Result<DeviceSession, ErrorCode>> {
  const identity = await deps.stores.getDeviceIdentity(presented.serialNumber.toLowerCase());
  if (identity?.fingerprint !== presented.fingerprint) return fail('DEVICE_CERTIFICATE_INVALID', 'This certificate does not identify an enrolled device.');
  if (identity.state === 'revoked') return fail('DEVICE_CERTIFICATE_REVOKED', 'This device certificate has been revoked; enroll the device again.');
  const now = deps.clock.now();
  if (identity.notAfter.getTime() <= now.getTime()) return fail('DEVICE_CERTIFICATE_EXPIRED', 'This device certificate has expired; enroll the device again.');
  const device = await deps.stores.getDevice(identity.tenantId, identity.deviceId);
  if (device === undefined) return fail('DEVICE_CERTIFICATE_INVALID', 'The device of this certificate no longer exists.');
  if (device.managementState === 'retired') return fail('DEVICE_RETIRED', 'This device has been retired.');
  return ok({
    device,
    identity,
    principal: { tenantId: device.tenantId, userId: device.primaryUserId, actor: { type: 'device', id: device.id, name: device.name }, grants: [], origin },
  });
}
