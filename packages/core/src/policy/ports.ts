import type { Platform } from '../devices/model.js';
import type { DeviceId, GroupId, TenantId } from '../kernel/brand.js';
import type { Page, PageRequest } from '../kernel/pagination.js';
import type {
  AssignableKind,
  Assignment,
  AssignmentFilter,
  AssignmentFilterId,
  AssignmentId,
  AssignmentSubject,
  DesiredProfileState,
  DeviceProfileState,
  IssuedCredential,
  Profile,
  ProfileId,
  ProfileKind,
  ProfileStatus,
  ReportedProfileState,
  ReportedSettingStatus,
} from './model.js';

export const profileSorts = ['name', 'createdAt', 'updatedAt'] as const;
export type ProfileSort = (typeof profileSorts)[number];

/** Filters of the profile list; all given ones must hold. */
export interface ProfileFilter {
  /** Case-insensitive substring of the name. */
  readonly q?: string;
  readonly kind?: ProfileKind;
  /** Profiles whose `platforms` include this one. */
  readonly platform?: Platform;
}

/** Configuration profiles, secrets included (the store may encrypt them at rest; core sees plaintext). */
export interface ProfileStore {
  /** The profile with this id. */
  getProfile(tenantId: TenantId, id: ProfileId): Promise<Profile | undefined>;
  /** The profile with this name, compared case-insensitively. */
  getProfileByName(tenantId: TenantId, name: string): Promise<Profile | undefined>;
  /** The profiles with these ids that exist, in any order. */
  getProfiles(tenantId: TenantId, ids: readonly ProfileId[]): Promise<readonly Profile[]>;
  /**
   * Every profile of the tenant, by id. Recomputation reads them once per run and reuses them for
   * every device; tenants have hundreds of profiles, not millions.
   */
  listAllProfiles(tenantId: TenantId): Promise<readonly Profile[]>;
  /** One page of profiles (keyset over `sort`, then id). */
  listProfiles(tenantId: TenantId, filter: ProfileFilter, page: PageRequest<ProfileSort>): Promise<Page<Profile>>;
  /** Adds a profile; false (nothing written) if the name is taken. */
  insertProfile(profile: Profile): Promise<boolean>;
  /**
   * Replaces a profile whose stored version is `profile.version - 1`; false (nothing written) if
   * the name is taken by another profile or the stored version differs (a concurrent update).
   */
  updateProfile(profile: Profile): Promise<boolean>;
  /** Removes a profile. Its assignments and device states are removed by the use case, not by cascade. */
  deleteProfile(tenantId: TenantId, id: ProfileId): Promise<boolean>;
}

/** Assignments of profiles and compliance policies (and, later, apps). */
export interface AssignmentStore {
  /** The assignment with this id. */
  getAssignment(tenantId: TenantId, id: AssignmentId): Promise<Assignment | undefined>;
  /**
   * Every assignment of items of this kind in the tenant, by id. Resolution reads them once per
   * recomputation (index on tenant, item kind).
   */
  listAssignments(tenantId: TenantId, itemKind: AssignableKind): Promise<readonly Assignment[]>;
  /** The assignments of one item, by id. */
  listAssignmentsOfItem(tenantId: TenantId, itemKind: AssignableKind, itemId: string): Promise<readonly Assignment[]>;
  /** The assignments whose target is this group, any item kind (group deletion, membership changes). */
  listAssignmentsOfGroup(tenantId: TenantId, groupId: GroupId): Promise<readonly Assignment[]>;
  /** The assignments that use this filter (a filter in use may not be deleted). */
  listAssignmentsOfFilter(tenantId: TenantId, filterId: AssignmentFilterId): Promise<readonly Assignment[]>;
  /**
   * Adds an assignment; false (nothing written) if the item already has an assignment to the same
   * target (unique on tenant, item kind, item id, target type, group id).
   */
  insertAssignment(assignment: Assignment): Promise<boolean>;
  /** Replaces an assignment's mode, filter and intent (its item and target are fixed); false if it does not exist. */
  updateAssignment(assignment: Assignment): Promise<boolean>;
  /** Removes an assignment; false if there was none. */
  deleteAssignment(tenantId: TenantId, id: AssignmentId): Promise<boolean>;
  /** Removes every assignment of an item (the item is being deleted); returns how many. */
  deleteAssignmentsOfItem(tenantId: TenantId, itemKind: AssignableKind, itemId: string): Promise<number>;
}

/** Assignment filters. */
export interface AssignmentFilterStore {
  /** The filter with this id. */
  getAssignmentFilter(tenantId: TenantId, id: AssignmentFilterId): Promise<AssignmentFilter | undefined>;
  /** The filter with this name, compared case-insensitively. */
  getAssignmentFilterByName(tenantId: TenantId, name: string): Promise<AssignmentFilter | undefined>;
  /** Every filter of the tenant, by name (few dozen at most; resolution compiles them once per run). */
  listAssignmentFilters(tenantId: TenantId): Promise<readonly AssignmentFilter[]>;
  /** Adds a filter; false (nothing written) if the name is taken. */
  insertAssignmentFilter(filter: AssignmentFilter): Promise<boolean>;
  /** Replaces a filter's fields; false if the new name is taken by another filter. */
  updateAssignmentFilter(filter: AssignmentFilter): Promise<boolean>;
  /** Removes a filter; false if there was none. */
  deleteAssignmentFilter(tenantId: TenantId, id: AssignmentFilterId): Promise<boolean>;
}

/** A keyset page request over device ids: ids strictly greater than `after`, ascending. */
export interface DeviceIdPage {
  readonly limit: number;
  /** The last id of the previous page; absent for the first page. */
  readonly after?: DeviceId;
}

/**
 * The devices assignments reach, read in bulk. Recomputation for 100,000 devices walks these in
 * keyset pages of a few hundred ids and loads subjects per page, so each call must be one or a
 * few indexed queries, never one per device.
 */
export interface AssignmentTargetingStore {
  /**
   * Subjects for these devices (those that exist and are not retired): each device, its primary
   * user, and the ids of every group the device or that user is a member of. Expected cost: one
   * query for devices, one for users, one for memberships (`member_id IN (...)` over both), each
   * an index range per id: on SQLite the membership query must use the (tenant, member type,
   * member id) index, not a scan of the tenant's memberships. The device's `inventory` may be
   * left empty (`{}`): assignment, rendering and compliance never read it, so there is no need
   * to decode it 100,000 times.
   */
  getAssignmentSubjects(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<readonly AssignmentSubject[]>;
  /**
   * Ids of the devices a group reaches, ascending, one keyset page: member devices of a device
   * group, or devices whose primary user is a member of a user group. Not retired.
   */
  listGroupDeviceIds(tenantId: TenantId, groupId: GroupId, page: DeviceIdPage): Promise<readonly DeviceId[]>;
  /** Ids of every device of the tenant (not retired), ascending; with `withPrimaryUser`, only those that have one (allUsers). */
  listTenantDeviceIds(tenantId: TenantId, page: DeviceIdPage & { readonly withPrimaryUser?: boolean }): Promise<readonly DeviceId[]>;
}

/** A device × profile row identified. */
export interface DeviceProfileKey {
  readonly deviceId: DeviceId;
  readonly profileId: ProfileId;
}

/** The desired side of a row plus its derived status: what recomputation writes. */
export type DesiredStateWrite = DesiredProfileState & { readonly status: ProfileStatus };

/** The reported side of a row plus its derived status: what a device's report writes. */
export type ReportedStateWrite = DeviceProfileKey & ReportedProfileState & { readonly tenantId: TenantId; readonly status: ProfileStatus };

/** Counts of one profile's device rows by status; every status is present (0 when none). */
export type ProfileStatusCounts = Readonly<Record<ProfileStatus, number>>;

/** How many devices report one setting of one profile in one status. */
export interface SettingStatusCount {
  readonly settingId: string;
  readonly status: ReportedSettingStatus | 'conflict';
  readonly count: number;
}

/** Filters of a profile's device-state list. */
export interface ProfileStateFilter {
  readonly status?: ProfileStatus;
}

/**
 * Desired and reported configuration per device and profile: one row per (tenant, device, profile),
 * primary key in that order, plus an index on (tenant, profile, status, device) for reports. At
 * 100,000 devices × tens of profiles this is the largest policy table: writes come in bulk.
 */
export interface DeviceConfigurationStore {
  /**
   * Every row of these devices (a few hundred ids per call), in any order. Recomputation loads a
   * chunk's rows once to write only what changed; check-in reads one device's rows.
   */
  listDeviceProfileStates(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<readonly DeviceProfileState[]>;
  /**
   * Inserts rows or replaces the desired side (action, desiredHash, reason, conflicts, desiredAt)
   * and status of existing ones, leaving the reported side as it is; a new row's reported side is
   * empty (nulls, no settings). Called with up to ~500 rows: one multi-row
   * `INSERT … ON CONFLICT (tenant_id, device_id, profile_id) DO UPDATE` per call (split further only
   * to stay under the dialect's bound-parameter limit).
   */
  upsertDesiredStates(rows: readonly DesiredStateWrite[]): Promise<void>;
  /**
   * Replaces the reported side (hash, status, error, settings, reportedAt) and the status of
   * existing rows; rows that do not exist are skipped. Returns how many rows were written.
   */
  recordReportedStates(rows: readonly ReportedStateWrite[]): Promise<number>;
  /** Removes these rows of the tenant (bulk, `(device_id, profile_id) IN (...)`); returns how many. */
  deleteDeviceProfileStates(tenantId: TenantId, keys: readonly DeviceProfileKey[]): Promise<number>;
  /**
   * Ids of the devices that have a row for this profile, ascending, one keyset page: the devices
   * a change to the profile may touch besides those its assignments reach now.
   */
  listDeviceIdsWithProfileState(tenantId: TenantId, profileId: ProfileId, page: DeviceIdPage): Promise<readonly DeviceId[]>;
  /** Rows of one profile by status: `GROUP BY status` over the (tenant, profile, status) index. */
  countProfileStates(tenantId: TenantId, profileId: ProfileId): Promise<ProfileStatusCounts>;
  /** Rows of every profile by status, for an overview: one `GROUP BY profile_id, status`. */
  countAllProfileStates(tenantId: TenantId): Promise<ReadonlyMap<ProfileId, ProfileStatusCounts>>;
  /** One page of a profile's rows, by device id (keyset; the cursor is opaque base64url, as every page's). */
  listProfileStates(tenantId: TenantId, profileId: ProfileId, filter: ProfileStateFilter, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<DeviceProfileState>>;
  /**
   * Per setting of one profile: how many devices report each status, and how many have the
   * setting withheld in conflict. Stores may keep settings in a JSON column and count with
   * `json_each` (SQLite) / `jsonb_array_elements` (PostgreSQL), or in a child table.
   */
  countSettingStates(tenantId: TenantId, profileId: ProfileId): Promise<readonly SettingStatusCount[]>;
}

/** One certificate Ward's CA must issue (or has issued) for a device and an `issued` certificate profile. */
export interface CredentialRequest {
  readonly deviceId: DeviceId;
  /** The `issued` certificate profile. */
  readonly profileId: ProfileId;
  /** Whom the certificate names: the device, or its primary user. */
  readonly scope: 'device' | 'user';
  /** The profile's subject with variables substituted for this device (`CN=ada@example.com`). */
  readonly subject: string;
  readonly validityDays: number;
}

/**
 * Certificates and keys Ward's CA issues for `issued` certificate profiles. An adapter over the
 * CA and a credential table: it returns the stored credential for each request whose subject and
 * profile still match and that is not near expiry, and issues (and stores, key sealed under the
 * master key) a new one otherwise. Issuing must be idempotent per (device, profile, subject): the
 * credential is part of the rendered item, so a new one changes its hash and reinstalls it.
 * It is called inside recomputation and check-in transactions; once a device's credentials
 * exist (the background recomputation issues them first) a call is a read.
 */
export interface ProfileCredentialSource {
  /**
   * Credentials for up to a few hundred requests at once (one recomputation chunk), keyed
   * `${deviceId}:${profileId}`. A request the CA refuses is left out (the profile is then
   * notApplicable on that device, with a reason).
   */
  credentialsFor(tenantId: TenantId, requests: readonly CredentialRequest[]): Promise<ReadonlyMap<string, IssuedCredential>>;
}
