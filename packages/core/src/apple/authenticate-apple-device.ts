import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Device, DeviceFacts } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import { compareVersions, versionKey } from '../devices/version-key.js';
import type { GroupStore } from '../directory/ports.js';
import { refreshDeviceMemberships, type MembershipStores } from '../directory/refresh-memberships.js';
import { usableNow } from '../enrollment/find-usable-enrollment-token.js';
import { defaultRestrictions } from '../enrollment/model.js';
import type { DeviceRegistry, EnrollmentRestrictionsStore, EnrollmentTokenStore } from '../enrollment/ports.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Origin, Principal } from '../kernel/context.js';
import { hasControlCharacters } from '../kernel/control-characters.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { applePlatform } from './apple-platform.js';
import { cancelAppleCommands, type CancelAppleCommandsStores } from './cancel-apple-commands.js';
import type { AppleEnrollment } from './model.js';
import type { AppleEnrollmentStore, AppleIdentityStore, ApplePushTopicSource } from './ports.js';
import type { AppleSession } from './resolve-apple-request.js';

export type AuthenticateAppleDeviceStores = Pick<EnrollmentTokenStore, 'getEnrollmentToken' | 'consumeEnrollmentToken'> &
  Pick<EnrollmentRestrictionsStore, 'getEnrollmentRestrictions'> &
  Pick<DeviceStore, 'getDevice' | 'insertDevice' | 'updateDevice'> &
  DeviceRegistry &
  Pick<GroupStore, 'addMembers'> &
  MembershipStores &
  Pick<AppleIdentityStore, 'bindAppleIdentity' | 'retireAppleIdentities'> &
  Pick<AppleEnrollmentStore, 'putAppleEnrollment' | 'deleteAppleUserChannels'> &
  CancelAppleCommandsStores &
  AuditTrail &
  EventPublisher;

/** The facts of an Authenticate message (Apple: CheckIn, MessageType Authenticate), decoded by the adapter. */
export interface AppleAuthenticateMessage {
  readonly topic: string;
  readonly udid?: string;
  /** User Enrollment: sent instead of UDID, serial number, IMEI and MEID. */
  readonly enrollmentId?: string;
  readonly serialNumber?: string;
  /** Marketing model (`iPhone`), ModelName (`MacBook Pro`). */
  readonly model?: string;
  readonly modelName?: string;
  /** Model identifier (`iPad2,5`): decides the platform. */
  readonly productName?: string;
  readonly osVersion?: string;
  readonly buildVersion?: string;
  readonly deviceName?: string;
  readonly imei?: string;
  readonly meid?: string;
}

/** The device the identity now belongs to. */
export interface AuthenticatedAppleDevice {
  readonly device: Device;
  /** The machine had been enrolled before (same UDID): its record and history were kept. */
  readonly reenrolled: boolean;
}

const identifierPattern = /^[A-Za-z0-9._:-]{8,128}$/;
const topicPattern = /^[\x21-\x7e]{1,255}$/;

function printable(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' || hasControlCharacters(trimmed) ? null : trimmed.slice(0, max);
}

/**
 * Authenticate (issue 5 §4): binds a pending SCEP identity to a device. The device record is
 * created, or re-used when the UDID was enrolled before (re-enrollment: its other Apple
 * certificates are revoked, its pending Apple commands canceled, its push channels dropped),
 * with the platform from ProductName and the ownership, user and group the enrollment carried.
 * The tenant's restrictions (platform, minimum OS, personal devices, devices per user) are
 * checked here, and a token's use is counted here, atomically with the binding. Audited.
 *
 * An identity already bound to this device is accepted again and changes nothing.
 */
export async function authenticateAppleDevice(
  deps: Deps<AuthenticateAppleDeviceStores> & { readonly pushTopics?: ApplePushTopicSource },
  session: AppleSession,
  message: AppleAuthenticateMessage,
  origin: Origin,
): Promise<Result<AuthenticatedAppleDevice, ErrorCode>> {
  if (session.kind === 'bound') return ok({ device: session.device, reenrolled: false });
  const { identity } = session;
  const { context, tenantId } = identity;
  if (!topicPattern.test(message.topic)) return fail('VALIDATION_FAILED', 'Topic is malformed.', { field: 'Topic' });
  const topic = await deps.pushTopics?.pushTopicOf(tenantId);
  if (topic !== undefined && topic !== message.topic) return fail('APPLE_TOPIC_MISMATCH', 'The device registered for another push topic than this organisation’s.');
  let udid: string | null = null;
  let enrollmentId: string | null = null;
  if (context.userEnrollment) {
    if (message.enrollmentId === undefined || !identifierPattern.test(message.enrollmentId)) return fail('VALIDATION_FAILED', 'A User Enrollment must send its EnrollmentID.', { field: 'EnrollmentID' });
    enrollmentId = message.enrollmentId;
  } else {
    if (message.udid === undefined || !identifierPattern.test(message.udid)) return fail('VALIDATION_FAILED', 'A device enrollment must send its UDID.', { field: 'UDID' });
    udid = message.udid;
  }
  const platform = message.productName === undefined ? undefined : applePlatform(message.productName);
  if (platform === undefined) return fail('ENROLLMENT_PLATFORM_NOT_ALLOWED', 'Ward manages iPhone, iPad and Mac; this device is none of them.');
  const osVersion = message.osVersion;
  if (osVersion === undefined || osVersion.length > 32 || versionKey(osVersion) === null) return fail('VALIDATION_FAILED', 'OSVersion is not a version.', { field: 'OSVersion' });

  const now = deps.clock.now();
  const restrictions = (await deps.stores.getEnrollmentRestrictions(tenantId)) ?? defaultRestrictions(tenantId, now);
  if (!restrictions.allowedPlatforms.includes(platform)) return fail('ENROLLMENT_PLATFORM_NOT_ALLOWED', `Devices running ${platform} may not enroll in this organisation.`);
  const minimum = restrictions.minOsVersion[platform];
  if (minimum !== undefined && compareVersions(osVersion, minimum) < 0) {
    return fail('ENROLLMENT_OS_TOO_OLD', `This organisation needs ${platform} ${minimum} or later; this device runs ${osVersion}. Update it, then enroll again.`, { minimum });
  }
  if (context.ownership === 'personal' && !restrictions.allowPersonal) return fail('ENROLLMENT_PERSONAL_NOT_ALLOWED', 'This organisation does not enroll personal devices.');
  if (context.enrollmentTokenId !== null) {
    const token = await deps.stores.getEnrollmentToken(context.enrollmentTokenId);
    if (token === undefined) return fail('ENROLLMENT_TOKEN_INVALID', 'The enrollment token of this profile no longer exists.');
    const usable = usableNow(token, now);
    if (!usable.ok) return usable;
  }
  const knownId = udid === null ? undefined : await deps.stores.findDeviceByHardwareId(tenantId, udid);
  const known = knownId === undefined ? undefined : await deps.stores.getDevice(tenantId, knownId);
  // A retired device that comes back enrolls as new: its old record stays as history.
  const existing = known?.managementState === 'retired' ? undefined : known;
  if (context.userId !== null && existing?.primaryUserId !== context.userId && (await deps.stores.countDevicesOfUser(tenantId, context.userId)) >= restrictions.maxDevicesPerUser) {
    return fail('ENROLLMENT_DEVICE_LIMIT', `This user has ${restrictions.maxDevicesPerUser} devices already, the most this organisation allows; remove one first.`);
  }

  const deviceId = (existing?.id ?? deps.ids.newId()) as DeviceId;
  const name = printable(message.deviceName, 200) ?? printable(message.modelName, 200) ?? printable(message.productName, 200) ?? 'Apple device';
  // User Enrollment keeps the device's hardware identifiers from IT, and Ward stores none.
  const personal = context.ownership === 'personal';
  const osBuild = printable(message.buildVersion, 32);
  const facts: DeviceFacts = osBuild === null ? { osVersion } : { osVersion, osBuild };
  const hardware: Record<string, string> = {};
  for (const [key, value] of [['IMEI', message.imei], ['MEID', message.meid], ['Model', message.model], ['ModelName', message.modelName], ['ProductName', message.productName]] as const) {
    const text = printable(value, 64);
    if (text !== null) hardware[key] = text;
  }
  const inventory = personal ? {} : { apple: hardware };
  const base = {
    name,
    platform,
    ownership: context.ownership,
    serialNumber: context.userEnrollment ? null : printable(message.serialNumber, 64),
    model: printable(message.productName, 64),
    manufacturer: 'Apple',
    osVersion,
    managementState: 'enrolled' as const,
  };
  return deps.tx.transaction(async (s) => {
    if (context.enrollmentTokenId !== null && !(await s.consumeEnrollmentToken(tenantId, context.enrollmentTokenId, now))) {
      return fail('ENROLLMENT_TOKEN_EXHAUSTED', 'This enrollment token has been used up.');
    }
    if (!(await s.bindAppleIdentity(identity.serialNumber, deviceId))) return fail('APPLE_IDENTITY_UNKNOWN', 'This certificate was bound to a device meanwhile.');
    const principal: Principal = { tenantId, userId: null, actor: { type: 'device', id: deviceId, name }, grants: [], origin };
    let device: Device;
    if (existing === undefined) {
      device = {
        id: deviceId,
        tenantId,
        ...base,
        complianceState: 'unknown',
        primaryUserId: context.userId,
        facts,
        inventory,
        enrolledAt: now,
        lastSeenAt: now,
        createdAt: now,
        updatedAt: now,
      };
      await s.insertDevice(device);
    } else {
      const revoked = await s.retireAppleIdentities(tenantId, existing.id, 'revoked', now, identity.serialNumber);
      const canceled = await cancelAppleCommands(s, tenantId, existing.id, now, 'reenrolled');
      await s.deleteAppleUserChannels(tenantId, existing.id);
      device = {
        ...existing,
        ...base,
        primaryUserId: context.userId ?? existing.primaryUserId,
        facts: { ...existing.facts, ...facts },
        inventory: personal ? {} : { ...existing.inventory, ...inventory },
        enrolledAt: now,
        lastSeenAt: now,
        updatedAt: now,
      };
      await s.updateDevice(device);
      if (revoked > 0 || canceled > 0) await recordAudit(s, principal, now, 'device.identityRevoked', { type: 'device', id: deviceId }, null, { reason: 'reenrolled', certificates: revoked, canceledCommands: canceled });
    }
    if (udid !== null) await s.bindHardwareId(tenantId, udid, deviceId);
    const enrollment: AppleEnrollment = {
      tenantId,
      deviceId,
      udid,
      enrollmentId,
      userEnrollment: context.userEnrollment,
      state: 'authenticated',
      topic: message.topic,
      pushToken: null,
      pushMagic: null,
      unlockToken: null,
      bootstrapToken: null,
      installedProfiles: [],
      authenticatedAt: now,
      tokenUpdatedAt: null,
      checkedOutAt: null,
    };
    await s.putAppleEnrollment(enrollment);
    if (context.targetGroupId !== null) await s.addMembers(tenantId, context.targetGroupId, [{ memberType: 'device', memberId: deviceId }], now);
    await refreshDeviceMemberships(s, tenantId, device, now);
    const { inventory: _inventory, ...record } = device;
    await recordAudit(s, principal, now, existing === undefined ? 'device.enrolled' : 'device.reenrolled', { type: 'device', id: deviceId }, null, {
      ...record,
      protocol: 'apple-mdm',
      userEnrollment: context.userEnrollment,
      enrollmentTokenId: context.enrollmentTokenId,
      certificateSerial: identity.serialNumber,
    });
    s.publish({ type: 'device.changed', tenantId, subject: deviceId });
    return ok({ device, reenrolled: existing !== undefined });
  });
}
