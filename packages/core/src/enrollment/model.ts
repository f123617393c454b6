import type { Brand, DeviceId, GroupId, TenantId, UserId } from '../kernel/brand.js';
import type { Ownership, Platform } from '../devices/model.js';

export type EnrollmentTokenId = Brand<string, 'EnrollmentTokenId'>;

/**
 * What lets a device enroll without a signed-in user: a secret an admin hands out as a command line
 * or QR code. One-time tokens serve one device; multi-use ones serve up to `maxUses` (or any number)
 * until they expire or are revoked.
 */
export interface EnrollmentToken {
  readonly id: EnrollmentTokenId;
  readonly tenantId: TenantId;
  readonly name: string;
  /** Hex SHA-256 of the secret part; the secret itself is shown once. */
  readonly secretHash: string;
  /** null: any number of devices until expiry. */
  readonly maxUses: number | null;
  readonly uses: number;
  readonly ownership: Exclude<Ownership, 'unknown'>;
  /** Devices enrolled with this token join this static device group. */
  readonly targetGroupId: GroupId | null;
  /** The user the devices belong to, if the token is for one person. */
  readonly userId: UserId | null;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/**
 * The tenant's enrollment rules: which platforms may enroll, the oldest OS each accepts, whether
 * personal devices may enroll, and how many devices one user may have.
 */
export interface EnrollmentRestrictions {
  readonly tenantId: TenantId;
  readonly allowedPlatforms: readonly Platform[];
  readonly minOsVersion: Readonly<Partial<Record<Platform, string>>>;
  readonly allowPersonal: boolean;
  readonly maxDevicesPerUser: number;
  readonly updatedAt: Date;
}

export const identityStates = ['active', 'superseded', 'revoked'] as const;
export type IdentityState = (typeof identityStates)[number];

/**
 * A certificate Ward's CA issued to a device. A device has one active identity; renewal supersedes
 * the old one (still accepted until it expires, so a renewal lost in transit does not strand the
 * device), re-enrollment and retire revoke it.
 */
export interface DeviceIdentity {
  readonly tenantId: TenantId;
  /** Certificate serial number, lower-case hex. */
  readonly serialNumber: string;
  readonly deviceId: DeviceId;
  /** SHA-256 of the certificate DER, colon-separated upper-case hex. */
  readonly fingerprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly state: IdentityState;
  readonly revokedAt: Date | null;
  readonly createdAt: Date;
}

/** The platform's own stable identifier of a machine (machine-id, hardware UUID, UDID). */
export interface HardwareIdentity {
  readonly hardwareId: string;
}

/** Default enrollment rules of a new tenant (Intune's default device limit is 15). */
export function defaultRestrictions(tenantId: TenantId, at: Date): EnrollmentRestrictions {
  return { tenantId, allowedPlatforms: ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'], minOsVersion: {}, allowPersonal: true, maxDevicesPerUser: 15, updatedAt: at };
}
