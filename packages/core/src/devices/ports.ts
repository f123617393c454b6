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

/** Device records. */
export interface DeviceStore {
  /** The device with this id. */
  getDevice(tenantId: TenantId, id: DeviceId): Promise<Device | undefined>;
  /** The devices with these ids that exist. */
  getDevices(tenantId: TenantId, ids: readonly DeviceId[]): Promise<readonly Device[]>;
  /** Adds a device. */
  insertDevice(device: Device): Promise<void>;
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
}

/** A device's installed software (corporate devices only). */
export interface DeviceSoftwareStore {
  /** Replaces a device's software list with what it reported. */
  replaceDeviceSoftware(tenantId: TenantId, deviceId: DeviceId, software: readonly InstalledSoftware[]): Promise<void>;
  /** One page of a device's software by name; `q` is a case-insensitive substring of the name. */
  listDeviceSoftware(tenantId: TenantId, deviceId: DeviceId, page: { readonly limit: number; readonly cursor?: string; readonly q?: string }): Promise<Page<InstalledSoftware>>;
}
