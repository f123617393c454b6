import type { Platform } from '../devices/model.js';
import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Page, PageRequest } from '../kernel/pagination.js';
import type { DeviceIdPage } from '../policy/ports.js';
import type {
  App,
  AppIcon,
  AppId,
  AppInstallStatus,
  AppKind,
  AppVersion,
  AppVersionId,
  DesiredAppState,
  DeviceAppState,
  InstalledAppDevice,
  InstalledAppSummary,
  ReportedAppState,
} from './model.js';

export const appSorts = ['name', 'createdAt', 'updatedAt'] as const;
export type AppSort = (typeof appSorts)[number];

/** Filters of the app list; all given ones must hold. */
export interface AppFilter {
  /** Case-insensitive substring of the name, publisher or identifier. */
  readonly q?: string;
  readonly kind?: AppKind;
  /** Apps whose `platforms` include this one. */
  readonly platform?: Platform;
}

/** The app catalog. Icons are kept apart from the app rows so lists never carry their bytes. */
export interface AppStore {
  /** The app with this id. */
  getApp(tenantId: TenantId, id: AppId): Promise<App | undefined>;
  /**
   * The app with this identifier (bundle id, store id, flatpak ref, package name, reverse-DNS id),
   * compared case-insensitively. The mam context resolves the apps its policies target with it.
   */
  getAppByIdentifier(tenantId: TenantId, identifier: string): Promise<App | undefined>;
  /** The apps with these ids that exist, in any order. */
  getApps(tenantId: TenantId, ids: readonly AppId[]): Promise<readonly App[]>;
  /** Every app of the tenant, by id: recomputation reads them once per run (hundreds, not millions). */
  listAllApps(tenantId: TenantId): Promise<readonly App[]>;
  /** One page of apps (keyset over `sort`, then id). */
  listApps(tenantId: TenantId, filter: AppFilter, page: PageRequest<AppSort>): Promise<Page<App>>;
  /** Adds an app and its icon (null: none); false (nothing written) if the identifier is taken. */
  insertApp(app: App, icon: AppIcon | null): Promise<boolean>;
  /**
   * Replaces an app whose stored version is `app.version - 1`; false (nothing written) if the
   * stored version differs (a concurrent update). `icon`: undefined keeps the stored icon, null
   * removes it. The identifier never changes (the use cases keep it).
   */
  updateApp(app: App, icon?: AppIcon | null): Promise<boolean>;
  /** The app's icon, if it has one. */
  getAppIcon(tenantId: TenantId, id: AppId): Promise<AppIcon | undefined>;
  /** Removes an app, its icon and its versions; false if there was none. Assignments and device rows are the use case's. */
  deleteApp(tenantId: TenantId, id: AppId): Promise<boolean>;
}

/** Uploaded packages of line-of-business apps (metadata only; the adapter keeps the files). */
export interface AppVersionStore {
  /** The version with this id. */
  getAppVersion(tenantId: TenantId, id: AppVersionId): Promise<AppVersion | undefined>;
  /** The versions with these ids that exist, in any order (the current versions of a tenant's apps). */
  getAppVersions(tenantId: TenantId, ids: readonly AppVersionId[]): Promise<readonly AppVersion[]>;
  /** Every version of one app, newest first (apps keep tens of versions, not thousands). */
  listAppVersions(tenantId: TenantId, appId: AppId): Promise<readonly AppVersion[]>;
  /** Adds a version; false (nothing written) if the app has a version with this version string. */
  insertAppVersion(version: AppVersion): Promise<boolean>;
  /** Marks a version superseded at `at` (a later one was published); false if there was none. */
  supersedeAppVersion(tenantId: TenantId, id: AppVersionId, at: Date): Promise<boolean>;
}

/** A device × app row identified. */
export interface DeviceAppKey {
  readonly deviceId: DeviceId;
  readonly appId: AppId;
}

/** The desired side of a row plus its derived status: what recomputation writes. */
export type DesiredAppStateWrite = DesiredAppState & { readonly status: AppInstallStatus };

/** The reported side of a row plus its derived status: what a device's report writes. */
export type ReportedAppStateWrite = DeviceAppKey & ReportedAppState & { readonly tenantId: TenantId; readonly status: AppInstallStatus };

/** Counts of one app's device rows by status; every status is present (0 when none). */
export type AppStatusCounts = Readonly<Record<AppInstallStatus, number>>;

/** Filters of an app's device rows. */
export interface AppStateFilter {
  readonly status?: AppInstallStatus;
}

/**
 * Desired and reported apps per device: one row per (tenant, device, app), primary key in that
 * order, plus an index on (tenant, app, status, device) for reports. Written in bulk by
 * recomputation (chunks of 500 devices), read per device at check-in.
 */
export interface DeviceAppStateStore {
  /** Every row of these devices (a few hundred ids per call), in any order. */
  listDeviceAppStates(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<readonly DeviceAppState[]>;
  /**
   * Inserts rows or replaces the desired side (intent, action, desiredHash, item, reason,
   * desiredAt) and status of existing ones, leaving the reported side as it is; a new row's
   * reported side is empty. Called with up to a few thousand rows: multi-row upserts.
   */
  upsertDesiredAppStates(rows: readonly DesiredAppStateWrite[]): Promise<void>;
  /**
   * Replaces the reported side (hash, status, installed version, error, reportedAt, installed)
   * and the status of existing rows; rows that do not exist are skipped. Returns how many were written.
   */
  recordReportedAppStates(rows: readonly ReportedAppStateWrite[]): Promise<number>;
  /** Removes these rows of the tenant; returns how many. */
  deleteDeviceAppStates(tenantId: TenantId, keys: readonly DeviceAppKey[]): Promise<number>;
  /** Ids of the devices that have a row for this app, ascending, one keyset page. */
  listDeviceIdsWithAppState(tenantId: TenantId, appId: AppId, page: DeviceIdPage): Promise<readonly DeviceId[]>;
  /** Rows of one app by status (`GROUP BY status` over the (tenant, app, status) index). */
  countAppStates(tenantId: TenantId, appId: AppId): Promise<AppStatusCounts>;
  /** One page of an app's rows, by device id (keyset; opaque base64url cursor). */
  listAppStates(tenantId: TenantId, appId: AppId, filter: AppStateFilter, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<DeviceAppState>>;
}

/** What a Linux device's `/etc/os-release` says (ID and ID_LIKE), as its last inventory reported it. */
export interface LinuxRelease {
  readonly id: string | null;
  readonly idLike: string | null;
}

/**
 * Device facts that app delivery needs and assignment does not. Which package tool a Linux
 * device has (apt or dnf) is not a normalised fact; the raw inventory's `os` section says which
 * distribution it runs. Personal devices keep no inventory, so they have no entry.
 */
export interface AppTargetingStore {
  /** The os-release of these Linux devices that reported one (one query, reading two JSON fields). */
  getLinuxReleases(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<ReadonlyMap<DeviceId, LinuxRelease>>;
}

/** Filters of the fleet-wide installed software search. */
export interface InstalledAppFilter {
  /** Case-insensitive substring of the name. */
  readonly q?: string;
  /** Exactly this version. */
  readonly version?: string;
}

/**
 * The installed software corporate devices report (`device_software`), read across the fleet.
 * Personal devices report none (their lists are never stored), so they never appear here.
 */
export interface InstalledAppInventory {
  /**
   * One page of (name, version) pairs with the number of devices reporting each, by name
   * case-insensitively, then name and version (keyset; opaque cursor). One GROUP BY over the
   * (tenant, name_key, version, device_id) index.
   */
  searchInstalledApps(tenantId: TenantId, filter: InstalledAppFilter, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<InstalledAppSummary>>;
  /** One page of the devices that report software of this exact name (and version, if given), by device id. */
  listInstalledAppDevices(
    tenantId: TenantId,
    app: { readonly name: string; readonly version?: string },
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<InstalledAppDevice>>;
}
