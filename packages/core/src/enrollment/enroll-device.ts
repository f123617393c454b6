import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { ownerships, platforms, type Device, type Platform } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import { compareVersions, versionKey } from '../devices/version-key.js';
import type { GroupStore } from '../directory/ports.js';
import { refreshDeviceMemberships, type MembershipStores } from '../directory/refresh-memberships.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Origin, Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { hasControlCharacters } from '../kernel/control-characters.js';
import { desiredStateJob } from '../policy/desired-state-job.js';
import type { CertificateIssuer, IssuedCertificate } from './certificate-issuer.js';
import { parseEnrollmentToken } from './enrollment-token-text.js';
import { defaultRestrictions } from './model.js';
import type { DeviceIdentityStore, DeviceRegistry, EnrollmentRestrictionsStore, EnrollmentTokenStore } from './ports.js';

export type EnrollDeviceStores = Pick<EnrollmentTokenStore, 'getEnrollmentToken' | 'consumeEnrollmentToken'> &
  Pick<EnrollmentRestrictionsStore, 'getEnrollmentRestrictions'> &
  Pick<DeviceIdentityStore, 'insertDeviceIdentity' | 'retireDeviceIdentities'> &
  Pick<DeviceStore, 'getDevice' | 'insertDevice' | 'updateDevice'> &
  DeviceRegistry &
  Pick<GroupStore, 'addMembers'> &
  MembershipStores &
  AuditTrail &
  EventPublisher &
  JobEnqueuer;

/** What a device says of itself when it enrolls. */
export interface EnrollingDevice {
  readonly hardwareId: string;
  readonly name: string;
  readonly platform: Platform;
  readonly osVersion: string;
  readonly serialNumber?: string | null;
  readonly model?: string | null;
  readonly manufacturer?: string | null;
}

/** An enrollment request: the token text, the device key's CSR and the device's description. */
export interface EnrollDeviceInput {
  readonly token: string;
  readonly csrPem: string;
  readonly device: EnrollingDevice;
}

/** The enrolled device and its new identity. */
export interface EnrolledDevice {
  readonly device: Device;
  readonly certificate: IssuedCertificate;
  readonly reenrolled: boolean;
}

/**
 * Enrolls a device with an enrollment token: checks the token and the tenant's restrictions, issues
 * a device certificate from the CSR, and records the device. A machine that enrolls again (same
 * hardware id) keeps its record and history, gets the new identity, and its old certificates are
 * revoked, so a cloned or stolen old key stops working at once.
 */
export async function enrollDevice(
  deps: Deps<EnrollDeviceStores> & { readonly issuer: CertificateIssuer },
  input: EnrollDeviceInput,
  origin: Origin,
): Promise<Result<EnrolledDevice, ErrorCode>> {
  const parsed = parseEnrollmentToken(input.token);
  const invalid = fail('ENROLLMENT_TOKEN_INVALID', 'The enrollment token is malformed or unknown.');
  if (parsed === undefined) return invalid;
  const token = await deps.stores.getEnrollmentToken(parsed.id);
  if (token === undefined) return invalid;
  const presented = new TextEncoder().encode(deps.digests.sha256Hex(parsed.secret));
  if (!deps.digests.timingSafeEqual(presented, new TextEncoder().encode(token.secretHash))) return invalid;
  const now = deps.clock.now();
  if (token.revokedAt !== null) return fail('ENROLLMENT_TOKEN_REVOKED', 'This enrollment token has been revoked.');
  if (token.expiresAt.getTime() <= now.getTime()) return fail('ENROLLMENT_TOKEN_EXPIRED', 'This enrollment token has expired; ask IT for a new one.');
  if (token.maxUses !== null && token.uses >= token.maxUses) return fail('ENROLLMENT_TOKEN_EXHAUSTED', 'This enrollment token has been used up.');

  const d = input.device;
  if (!(platforms as readonly string[]).includes(d.platform)) return fail('VALIDATION_FAILED', 'Unknown platform.', { field: 'device.platform' });
  const name = d.name.trim();
  if (name === '' || name.length > 200 || hasControlCharacters(name)) return fail('VALIDATION_FAILED', 'A device name must have 1 to 200 printable characters.', { field: 'device.name' });
  if (!/^[A-Za-z0-9._:-]{8,128}$/.test(d.hardwareId)) return fail('VALIDATION_FAILED', 'The hardware id is malformed.', { field: 'device.hardwareId' });
  if (versionKey(d.osVersion) === null) return fail('VALIDATION_FAILED', 'The OS version is not a version.', { field: 'device.osVersion' });

  const restrictions = (await deps.stores.getEnrollmentRestrictions(token.tenantId)) ?? defaultRestrictions(token.tenantId, now);
  if (!restrictions.allowedPlatforms.includes(d.platform)) return fail('ENROLLMENT_PLATFORM_NOT_ALLOWED', `Devices running ${d.platform} may not enroll in this organisation.`);
  const minimum = restrictions.minOsVersion[d.platform];
  if (minimum !== undefined && compareVersions(d.osVersion, minimum) < 0) {
    return fail('ENROLLMENT_OS_TOO_OLD', `This organisation needs ${d.platform} ${minimum} or later; this device runs ${d.osVersion.slice(0, 64)}. Update it, then enroll again.`, { minimum });
  }
  if (token.ownership === 'personal' && !restrictions.allowPersonal) return fail('ENROLLMENT_PERSONAL_NOT_ALLOWED', 'This organisation does not enroll personal devices.');
  if (!ownerships.includes(token.ownership)) return invalid;

  const knownId = await deps.stores.findDeviceByHardwareId(token.tenantId, d.hardwareId);
  const known = knownId === undefined ? undefined : await deps.stores.getDevice(token.tenantId, knownId);
  // A retired device that comes back enrolls as new: its old record stays as history.
  const existing = known?.managementState === 'retired' ? undefined : known;
  if (token.userId !== null && existing?.primaryUserId !== token.userId && (await deps.stores.countDevicesOfUser(token.tenantId, token.userId)) >= restrictions.maxDevicesPerUser) {
    return fail('ENROLLMENT_DEVICE_LIMIT', `This user has ${restrictions.maxDevicesPerUser} devices already, the most this organisation allows; remove one first.`);
  }
  const deviceId = (existing?.id ?? deps.ids.newId()) as DeviceId;
  const issued = await deps.issuer.issueDeviceCertificate({ csrPem: input.csrPem, deviceId, tenantId: token.tenantId });
  if (!issued.ok) return issued;
  const certificate = issued.value;

  return deps.tx.transaction(async (s) => {
    if (!(await s.consumeEnrollmentToken(token.tenantId, token.id, now))) return fail('ENROLLMENT_TOKEN_EXHAUSTED', 'This enrollment token has been used up.');
    const principal: Principal = { tenantId: token.tenantId, userId: null, actor: { type: 'device', id: deviceId, name }, grants: [], origin };
    const base = {
      name,
      platform: d.platform,
      ownership: token.ownership,
      serialNumber: d.serialNumber ?? null,
      model: d.model ?? null,
      manufacturer: d.manufacturer ?? null,
      osVersion: d.osVersion,
      managementState: 'enrolled' as const,
    };
    let device: Device;
    if (existing === undefined) {
      device = {
        id: deviceId,
        tenantId: token.tenantId,
        ...base,
        complianceState: 'unknown',
        primaryUserId: token.userId,
        facts: { osVersion: d.osVersion },
        inventory: {},
        enrolledAt: now,
        lastSeenAt: now,
        createdAt: now,
        updatedAt: now,
      };
      await s.insertDevice(device);
    } else {
      const revoked = await s.retireDeviceIdentities(token.tenantId, existing.id, 'revoked', now);
      device = {
        ...existing,
        ...base,
        primaryUserId: token.userId ?? existing.primaryUserId,
        facts: { ...existing.facts, osVersion: d.osVersion },
        inventory: token.ownership === 'personal' ? {} : existing.inventory,
        enrolledAt: now,
        lastSeenAt: now,
        updatedAt: now,
      };
      await s.updateDevice(device);
      if (revoked > 0) await recordAudit(s, principal, now, 'device.identityRevoked', { type: 'device', id: device.id }, null, { reason: 'reenrolled', certificates: revoked });
    }
    await s.bindHardwareId(token.tenantId, d.hardwareId, deviceId);
    await s.insertDeviceIdentity({
      tenantId: token.tenantId,
      serialNumber: certificate.serialNumber,
      deviceId,
      fingerprint: certificate.fingerprint,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      state: 'active',
      revokedAt: null,
      createdAt: now,
    });
    if (token.targetGroupId !== null) await s.addMembers(token.tenantId, token.targetGroupId, [{ memberType: 'device', memberId: deviceId }], now);
    await refreshDeviceMemberships(s, token.tenantId, device, now);
    // Its groups, user and ownership decide which profiles and compliance policies reach it.
    await s.enqueue(desiredStateJob(token.tenantId, { type: 'devices', deviceIds: [deviceId] }));
    const { inventory: _inventory, ...record } = device;
    await recordAudit(s, principal, now, existing === undefined ? 'device.enrolled' : 'device.reenrolled', { type: 'device', id: deviceId }, null, {
      ...record,
      enrollmentTokenId: token.id,
      certificateSerial: certificate.serialNumber,
    });
    s.publish({ type: 'device.changed', tenantId: token.tenantId, subject: deviceId });
    return ok({ device, certificate, reenrolled: existing !== undefined });
  });
}
