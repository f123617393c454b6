import type { DeviceId, TenantId, UserId } from '../kernel/brand.js';
import type { Page, PageRequest } from '../kernel/pagination.js';
import type {
  AppConfigurationPolicy,
  AppConfigurationPolicyId,
  AppProtectionPolicy,
  AppProtectionPolicyId,
  AppRegistration,
  AppRegistrationId,
  AppRegistrationState,
  AppUsageDay,
  AppUsageIncrement,
  SdkPublicKey,
} from './model.js';

export const mamPolicySorts = ['name', 'createdAt', 'updatedAt'] as const;
export type MamPolicySort = (typeof mamPolicySorts)[number];

/** Filters of a MAM policy list; all given ones must hold. */
export interface MamPolicyFilter {
  /** Case-insensitive substring of the name. */
  readonly q?: string;
  /** Policies that target this app identifier. */
  readonly appIdentifier?: string;
}

/** App protection policies. */
export interface AppProtectionPolicyStore {
  /** The policy with this id. */
  getAppProtectionPolicy(tenantId: TenantId, id: AppProtectionPolicyId): Promise<AppProtectionPolicy | undefined>;
  /** The policy with this name, compared case-insensitively. */
  getAppProtectionPolicyByName(tenantId: TenantId, name: string): Promise<AppProtectionPolicy | undefined>;
  /**
   * Every policy of the tenant. Check-ins compile them once and reuse the result until a
   * `mamPolicy.changed` event; tenants have tens of policies.
   */
  listAllAppProtectionPolicies(tenantId: TenantId): Promise<readonly AppProtectionPolicy[]>;
  /** One page of policies (keyset over `sort`, then id). */
  listAppProtectionPolicies(tenantId: TenantId, filter: MamPolicyFilter, page: PageRequest<MamPolicySort>): Promise<Page<AppProtectionPolicy>>;
  /** Adds a policy; false (nothing written) if the name is taken. */
  insertAppProtectionPolicy(policy: AppProtectionPolicy): Promise<boolean>;
  /** Replaces a policy stored at `policy.version - 1`; false if the name is taken or the version moved. */
  updateAppProtectionPolicy(policy: AppProtectionPolicy): Promise<boolean>;
  /** Removes a policy; false if there was none. */
  deleteAppProtectionPolicy(tenantId: TenantId, id: AppProtectionPolicyId): Promise<boolean>;
}

/** App configuration policies (for SDK apps, and managed app configuration on Apple devices). */
export interface AppConfigurationPolicyStore {
  /** The policy with this id. */
  getAppConfigurationPolicy(tenantId: TenantId, id: AppConfigurationPolicyId): Promise<AppConfigurationPolicy | undefined>;
  /** The policy with this name, compared case-insensitively. */
  getAppConfigurationPolicyByName(tenantId: TenantId, name: string): Promise<AppConfigurationPolicy | undefined>;
  /** Every policy of the tenant (cached like the protection policies). */
  listAllAppConfigurationPolicies(tenantId: TenantId): Promise<readonly AppConfigurationPolicy[]>;
  /** One page of policies (keyset over `sort`, then id). */
  listAppConfigurationPolicies(tenantId: TenantId, filter: MamPolicyFilter, page: PageRequest<MamPolicySort>): Promise<Page<AppConfigurationPolicy>>;
  /** Adds a policy; false (nothing written) if the name is taken. */
  insertAppConfigurationPolicy(policy: AppConfigurationPolicy): Promise<boolean>;
  /** Replaces a policy stored at `policy.version - 1`; false if the name is taken or the version moved. */
  updateAppConfigurationPolicy(policy: AppConfigurationPolicy): Promise<boolean>;
  /** Removes a policy; false if there was none. */
  deleteAppConfigurationPolicy(tenantId: TenantId, id: AppConfigurationPolicyId): Promise<boolean>;
}

export const appRegistrationSorts = ['createdAt'] as const;
export type AppRegistrationSort = (typeof appRegistrationSorts)[number];

/** Filters of the registration list; all given ones must hold. */
export interface AppRegistrationFilter {
  readonly userId?: UserId;
  readonly appIdentifier?: string;
  readonly state?: AppRegistrationState;
  readonly deviceTag?: string;
}

/** The fields a check-in changes, written only over the sequence it read (replay guard). */
export interface AppCheckInWrite {
  readonly registration: AppRegistration;
  /** The sequence the check-in read; the write fails when another check-in moved it. */
  readonly previousSequence: number;
}

/**
 * SDK app registrations. The check-in path reads one row by id and writes it back guarded by its
 * sequence; a live registration (not wiped) is unique per (tenant, user, app, device tag).
 */
export interface AppRegistrationStore {
  /** The registration with this id in the tenant. */
  getAppRegistration(tenantId: TenantId, id: AppRegistrationId): Promise<AppRegistration | undefined>;
  /**
   * The registration with this id in any tenant: the check-in carries no tenant, only the signed
   * registration id (ids are UUIDv7, unique across tenants).
   */
  findAppRegistrationById(id: AppRegistrationId): Promise<AppRegistration | undefined>;
  /** The live (active or wipe-pending) registration of a user's app on a device tag. */
  findLiveAppRegistration(tenantId: TenantId, userId: UserId, appIdentifier: string, deviceTag: string): Promise<AppRegistration | undefined>;
  /** Adds a registration; false (nothing written) when a live one holds the same user, app and tag. */
  insertAppRegistration(registration: AppRegistration): Promise<boolean>;
  /** Replaces a registration's stored fields (re-key, wipe request, supersede). */
  updateAppRegistration(registration: AppRegistration): Promise<void>;
  /** Writes a check-in's changes; false (nothing written) when the stored sequence is no longer `previousSequence`. */
  saveAppCheckIn(write: AppCheckInWrite): Promise<boolean>;
  /** One page of registrations (keyset over creation, then id). */
  listAppRegistrations(tenantId: TenantId, filter: AppRegistrationFilter, page: PageRequest<AppRegistrationSort>): Promise<Page<AppRegistration>>;
  /** The live registrations of a user (on one device tag when given), at most `limit`, oldest first. */
  listLiveAppRegistrationsOfUser(tenantId: TenantId, userId: UserId, deviceTag: string | null, limit: number): Promise<readonly AppRegistration[]>;
  /** The live registrations bound to an enrolled device, at most `limit`, oldest first. */
  listLiveAppRegistrationsOfDevice(tenantId: TenantId, deviceId: DeviceId, limit: number): Promise<readonly AppRegistration[]>;
}

/** Filters of the usage report. Days are `YYYY-MM-DD`, both ends included. */
export interface AppUsageQuery {
  readonly appIdentifier?: string;
  readonly fromDay: string;
  readonly toDay: string;
}

/**
 * Per-app, per-day usage of SDK apps: launches, distinct active users, last use. Kept as one row
 * per (app, day, user), so a check-in adds to its own row (no hot counter row under concurrency)
 * and a day's active users are that day's rows.
 */
export interface AppUsageStore {
  /** Adds launches (and raises the last use) for each increment, creating rows as needed. */
  addAppUsage(increments: readonly AppUsageIncrement[]): Promise<void>;
  /** Usage per app and day in the range, by app then day; at most `limit` rows. */
  listAppUsage(tenantId: TenantId, query: AppUsageQuery, limit: number): Promise<readonly AppUsageDay[]>;
  /** Removes up to `limit` rows (any tenant) of days before `beforeDay`; returns how many. */
  pruneAppUsage(beforeDay: string, limit: number): Promise<number>;
}

/** Every storage port of the MAM context. */
export type MamStores = AppProtectionPolicyStore & AppConfigurationPolicyStore & AppRegistrationStore & AppUsageStore;

/**
 * ES256 signature verification of SDK requests and app assertions (node:crypto in the server's
 * adapter): the core does no cryptography of its own beyond what pure code can.
 */
export interface SdkSignatureVerifier {
  /**
   * Whether `signature` (r‖s, 64 bytes, as JWS and WebCrypto produce) is a valid ES256
   * (ECDSA P-256 with SHA-256) signature of `data` under `jwk`. False, never a throw, for a
   * malformed key or signature.
   */
  verifyEs256(jwk: SdkPublicKey, data: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * The subset of the app catalog (the `apps` context) that registration needs: whether the tenant
 * has an app with this identifier.
 */
export interface MamAppCatalog {
  /** The catalog app with this identifier in the tenant. */
  getAppByIdentifier(tenantId: TenantId, identifier: string): Promise<{ readonly identifier: string } | undefined>;
}
