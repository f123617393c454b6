import type { DeviceId, TenantId, UserId } from '../kernel/brand.js';
import type { Page } from '../kernel/pagination.js';
import type { DeviceIdentity, EnrollmentRestrictions, EnrollmentToken, EnrollmentTokenId, IdentityState } from './model.js';

/** Enrollment tokens. */
export interface EnrollmentTokenStore {
  /** The token with this id in any tenant (the id is in the token text the device presents). */
  getEnrollmentToken(id: EnrollmentTokenId): Promise<EnrollmentToken | undefined>;
  /** Adds a token. */
  insertEnrollmentToken(token: EnrollmentToken): Promise<void>;
  /**
   * Counts one use, atomically, if the token is neither revoked nor expired at `at` and has uses
   * left; false (nothing written) otherwise. Two devices racing for a one-time token: one wins.
   */
  consumeEnrollmentToken(tenantId: TenantId, id: EnrollmentTokenId, at: Date): Promise<boolean>;
  /** Marks a token revoked; false if there is no such token in the tenant. */
  revokeEnrollmentToken(tenantId: TenantId, id: EnrollmentTokenId, at: Date): Promise<boolean>;
  /** One page of tokens, newest first. */
  listEnrollmentTokens(tenantId: TenantId, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<EnrollmentToken>>;
}

/** The tenant's enrollment rules. */
export interface EnrollmentRestrictionsStore {
  /** The stored rules, or undefined when the tenant still has the defaults. */
  getEnrollmentRestrictions(tenantId: TenantId): Promise<EnrollmentRestrictions | undefined>;
  /** Creates or replaces the rules. */
  putEnrollmentRestrictions(restrictions: EnrollmentRestrictions): Promise<void>;
}

/** Certificates issued to devices. */
export interface DeviceIdentityStore {
  /** Adds an identity. */
  insertDeviceIdentity(identity: DeviceIdentity): Promise<void>;
  /** The identity with this certificate serial, in any tenant (serials are random and unique). */
  getDeviceIdentity(serialNumber: string): Promise<DeviceIdentity | undefined>;
  /** Every identity of a device, newest first. */
  listDeviceIdentities(tenantId: TenantId, deviceId: DeviceId): Promise<readonly DeviceIdentity[]>;
  /**
   * Superseding (renewal) moves the device's active identities to `superseded`; revoking
   * (re-enrollment, retire) moves its active and superseded ones to `revoked` with `revokedAt`,
   * since a superseded certificate still authenticates until it expires. Returns how many changed.
   */
  retireDeviceIdentities(tenantId: TenantId, deviceId: DeviceId, state: Exclude<IdentityState, 'active'>, at: Date): Promise<number>;
  /** Serials of revoked identities that have not expired at `at`, for the CRL. */
  listRevokedIdentities(at: Date): Promise<readonly { readonly serialNumber: string; readonly revokedAt: Date }[]>;
}

/** Which device a machine is, across enrollments, and how many devices a user has. */
export interface DeviceRegistry {
  /** The device enrolled from the machine with this hardware id, if any. */
  findDeviceByHardwareId(tenantId: TenantId, hardwareId: string): Promise<DeviceId | undefined>;
  /** Records (or moves) a hardware id to a device. */
  bindHardwareId(tenantId: TenantId, hardwareId: string, deviceId: DeviceId): Promise<void>;
  /** How many devices not retired have this primary user. */
  countDevicesOfUser(tenantId: TenantId, userId: UserId): Promise<number>;
}
