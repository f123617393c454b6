import type { ActionType } from '../commands/model.js';
import type { DeviceId, GroupId, TenantId, UserId } from '../kernel/brand.js';
import type { Page, PageRequest } from '../kernel/pagination.js';
import type { ComplianceState, Device, ManagementState, Ownership, Platform } from './model.js';
import type { InstalledSoftware } from './software.js';

export const deviceSorts = ['name', 'lastSeenAt', 'enrolledAt', 'osVersion', 'platform'] as const;
export type DeviceSort = (typeof deviceSorts)[number];

/** Filters of the device list; all given ones must hold. */
export interface DeviceFilter {
  /** Case-insensitive substring of name, serial number or model. */
  readonly q?: string;
  readonly platform?: readonly Platform[];
  readonly ownership?: Ownership;
  readonly managementState?: ManagementState;
  readonly complianceState?: readonly ComplianceState[];
  /** Inclusive bounds, compared as versions (10.2 < 10.10). */
  readonly osVersionMin?: string;
  readonly osVersionMax?: string;
  readonly primaryUserId?: UserId;
  /** Members of this device group, or devices whose primary user is in this user group. */
  readonly groupId?: GroupId;
  readonly lastSeenBefore?: Date;
  readonly lastSeenAfter?: Date;
  /** Restricts to devices in any of these groups, directly or through their primary user. */
  readonly withinGroups?: readonly GroupId[];
}

/** Which devices a fleet count covers: the whole tenant, or the devices within some groups. */
export interface DeviceCountScope {
  /** In any of these groups, directly or through the primary user; an empty list admits none. */
  readonly withinGroups?: readonly GroupId[];
}

/** Devices sharing one combination of the list's low-cardinality columns. */
export interface DeviceStateCount {
  readonly platform: Platform;
  readonly complianceState: ComplianceState;
  readonly ownership: Ownership;
  readonly managementState: ManagementState;
  readonly count: number;
}

/** Devices of one platform at one OS version (null: not reported). */
export interface OsVersionCount {
  readonly platform: Platform;
  readonly osVersion: string | null;
  readonly count: number;
}

/** Devices enrolled on one UTC day. */
export interface DayCount {
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  readonly count: number;
}

/** Remote actions of one type that wait for their device (queued or sent, no result yet). */
export interface PendingActionCount {
  readonly type: ActionType;
  readonly count: number;
}

/** Device records. */
export interface DeviceStore {
  /** The device with this id. */
  getDevice(tenantId: TenantId, id: DeviceId): Promise<Device | undefined>;
  /** The devices with these ids that exist. */
  getDevices(tenantId: TenantId, ids: readonly DeviceId[]): Promise<readonly Device[]>;
  /** Adds a device. */
  insertDevice(device: Device): Promise<void>;
  /**
   * Adds many devices, exactly as {@link insertDevice} would one by one (searchable at once), in
   * multi-row statements: for imports and seeding. All or none: it runs in one transaction.
   */
  insertDevices(devices: readonly Device[]): Promise<void>;
  /** Replaces a device's fields. */
  updateDevice(device: Device): Promise<void>;
  /**
   * Records that the device was seen at `lastSeenAt` and changes nothing else, `updatedAt`
   * included: what a check-in that reported no change writes, without rewriting the whole row.
   */
  touchDevice(tenantId: TenantId, id: DeviceId, lastSeenAt: Date): Promise<void>;
  /** Removes a device and its memberships. */
  deleteDevice(tenantId: TenantId, id: DeviceId): Promise<void>;
  /** One page of devices. */
  listDevices(tenantId: TenantId, filter: DeviceFilter, page: PageRequest<DeviceSort>): Promise<Page<Device>>;
  /** The ids of a user's devices (to re-evaluate device groups whose rules read `user.*`). */
  deviceIdsOfUser(tenantId: TenantId, userId: UserId): Promise<readonly DeviceId[]>;
  /** Whether the device is in any of these groups, directly or through its primary user. */
  isDeviceWithinGroups(tenantId: TenantId, id: DeviceId, groupIds: readonly GroupId[]): Promise<boolean>;
  /**
   * Devices counted by platform, compliance state, ownership and management state together: one
   * `GROUP BY` over the devices (a few hundred rows at most), which every per-column count adds up from.
   */
  countDevicesByState(tenantId: TenantId, scope: DeviceCountScope): Promise<readonly DeviceStateCount[]>;
  /**
   * The `perPlatform` most common OS versions of each platform with their counts, most devices
   * first (ties: the higher version first). Retired devices are not counted.
   */
  countDevicesByOsVersion(tenantId: TenantId, scope: DeviceCountScope, perPlatform: number): Promise<readonly OsVersionCount[]>;
  /** Devices enrolled at or after `since`, per UTC day, oldest day first; days without one are absent. */
  countEnrollmentsByDay(tenantId: TenantId, scope: DeviceCountScope, since: Date): Promise<readonly DayCount[]>;
  /** Remote actions waiting for their devices at `now` (queued or sent, not expired), by type. */
  countPendingActionsByType(tenantId: TenantId, scope: DeviceCountScope, now: Date): Promise<readonly PendingActionCount[]>;
}

/** A device's installed software (corporate devices only). */
export interface DeviceSoftwareStore {
  /** Replaces a device's software list with what it reported. */
  replaceDeviceSoftware(tenantId: TenantId, deviceId: DeviceId, software: readonly InstalledSoftware[]): Promise<void>;
  /** One page of a device's software by name; `q` is a case-insensitive substring of the name. */
  listDeviceSoftware(tenantId: TenantId, deviceId: DeviceId, page: { readonly limit: number; readonly cursor?: string; readonly q?: string }): Promise<Page<InstalledSoftware>>;
}
