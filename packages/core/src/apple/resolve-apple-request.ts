import type { Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Origin, Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AppleEnrollment, AppleIdentity } from './model.js';
import type { AppleEnrollmentStore, AppleIdentityStore } from './ports.js';

/** The certificate a request was authenticated with, after the adapter verified it chains to Ward's CA. */
export interface AppleRequestCertificate {
  /** Serial number, hex (any case). */
  readonly serialNumber: string;
  /** SHA-256 of the DER, colon-separated upper-case hex. */
  readonly fingerprint: string;
}

/** What identifies the sender of a check-in or command request. */
export interface ResolveAppleRequestInput {
  /** From mTLS, the trusted proxy's header, or the Mdm-Signature header's signer. */
  readonly certificate: AppleRequestCertificate;
  /** The message's UDID (device enrollment). */
  readonly udid?: string;
  /** The message's EnrollmentID (User Enrollment). */
  readonly enrollmentId?: string;
  readonly origin: Origin;
}

/** A request from a certificate not yet bound: only Authenticate may follow. */
export interface PendingAppleSession {
  readonly kind: 'pending';
  readonly identity: AppleIdentity;
}

/** A request from an enrolled device. */
export interface BoundAppleSession {
  readonly kind: 'bound';
  readonly identity: AppleIdentity;
  readonly device: Device;
  readonly enrollment: AppleEnrollment;
  /** The device as an actor, for audit. */
  readonly principal: Principal;
}

export type AppleSession = PendingAppleSession | BoundAppleSession;

export type ResolveAppleRequestStores = Pick<AppleIdentityStore, 'getAppleIdentity'> & Pick<AppleEnrollmentStore, 'getAppleEnrollment'> & Pick<DeviceStore, 'getDevice'>;

/**
 * Identifies the device behind a check-in or command request (issue 5 §4), on every request: the
 * certificate must be an Apple identity Ward issued (APPLE_IDENTITY_UNKNOWN otherwise), neither
 * revoked nor expired; once bound at Authenticate, the message's UDID (or EnrollmentID for User
 * Enrollment) must be the one bound (APPLE_DEVICE_MISMATCH), so a certificate lifted from one
 * device cannot speak for another, and a retired or checked-out device is refused.
 */
export async function resolveAppleRequest(deps: Deps<ResolveAppleRequestStores>, input: ResolveAppleRequestInput): Promise<Result<AppleSession, ErrorCode>> {
  const identity = await deps.stores.getAppleIdentity(input.certificate.serialNumber.toLowerCase());
  if (identity?.fingerprint !== input.certificate.fingerprint) return fail('APPLE_IDENTITY_UNKNOWN', 'This certificate does not identify an Apple device enrolled in Ward.');
  if (identity.state === 'revoked') return fail('DEVICE_CERTIFICATE_REVOKED', 'This device certificate has been revoked; enroll the device again.');
  const now = deps.clock.now();
  if (identity.notAfter.getTime() <= now.getTime()) return fail('DEVICE_CERTIFICATE_EXPIRED', 'This device certificate has expired; enroll the device again.');
  if (identity.deviceId === null) return ok({ kind: 'pending', identity });
  const [device, enrollment] = await Promise.all([deps.stores.getDevice(identity.tenantId, identity.deviceId), deps.stores.getAppleEnrollment(identity.tenantId, identity.deviceId)]);
  if (device === undefined || enrollment === undefined) return fail('APPLE_IDENTITY_UNKNOWN', 'The device of this certificate no longer exists.');
  if (device.managementState === 'retired' || enrollment.state === 'checkedOut') return fail('DEVICE_RETIRED', 'This device has left management.');
  const matches = enrollment.userEnrollment ? input.enrollmentId !== undefined && input.enrollmentId === enrollment.enrollmentId : input.udid !== undefined && input.udid === enrollment.udid;
  if (!matches) return fail('APPLE_DEVICE_MISMATCH', 'The message names another device than the one this certificate was enrolled for.');
  return ok({
    kind: 'bound',
    identity,
    device,
    enrollment,
    principal: { tenantId: device.tenantId, userId: device.primaryUserId, actor: { type: 'device', id: device.id, name: device.name }, grants: [], origin: input.origin },
  });
}
