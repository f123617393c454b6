import type { Platform } from '../devices/model.js';
import type { Brand, DeviceId, TenantId } from '../kernel/brand.js';
import type { AppleAppItem, AppleAppRemoval, AppleAppSource } from './apple-app-item.js';

export type AppId = Brand<string, 'AppId'>;
export type AppVersionId = Brand<string, 'AppVersionId'>;

// ---------------------------------------------------------------------------------------------
// The wire shapes of the check-in's `apps` part. They mirror `@ward/agent-protocol`'s `apps.ts`
// (docs/protocols/agent-v1.md, "Apps") structurally: the core imports no package, and the
// agent endpoint validates the wire with that package's schemas before calling the core.
// ---------------------------------------------------------------------------------------------

/** The package formats Ward reads and serves (agent-protocol `appPackageFormats`). */
export const appPackageFormats = ['deb', 'rpm', 'appimage', 'pkg', 'msi', 'msix', 'ipa', 'apk'] as const;
export type AppPackageFormat = (typeof appPackageFormats)[number];

/** Limits of the apps part of a check-in (agent-protocol `appLimits`). */
export const appLimits = { itemsPerAnswer: 50, errorChars: 2000, reportsPerCheckIn: 500 } as const;

/** Where the agent gets an app from (agent-protocol `AppSource`). */
export type AppSource =
  | { readonly kind: 'apt'; readonly package: string }
  | { readonly kind: 'dnf'; readonly package: string }
  | { readonly kind: 'flatpak'; readonly ref: string; readonly remote: string }
  | { readonly kind: 'snap'; readonly name: string; readonly channel: string; readonly classic: boolean }
  | {
      readonly kind: 'package';
      readonly format: AppPackageFormat;
      /** Relative to the server: `/agent/v1/app-packages/<versionId>`. */
      readonly url: string;
      readonly sha256: string;
      readonly size: number;
      readonly identifier: string;
      readonly version: string;
    };

/** One app the device should have (agent-protocol `AppItem`); `hash` names exactly this item. */
export interface AppItem {
  readonly id: string;
  readonly hash: string;
  readonly name: string;
  readonly version: string;
  readonly source: AppSource;
}

/** An app to uninstall (agent-protocol `AppRemoval`). */
export interface AppRemoval {
  readonly id: string;
  readonly hash: string;
  readonly name: string;
  readonly source: AppSource;
}

/** `apps` in the check-in answer (agent-protocol `AppPlan`); absent when both lists are empty. */
export interface AppPlan {
  readonly install: readonly AppItem[];
  readonly remove: readonly AppRemoval[];
}

/** What happened to one app on the device (agent-protocol `AppReport`). */
export interface AppReport {
  readonly id: string;
  readonly hash: string;
  readonly status: AppReportedStatus;
  readonly installedVersion?: string;
  readonly error?: string;
}

// ---------------------------------------------------------------------------------------------
// The catalog
// ---------------------------------------------------------------------------------------------

export const appKinds = ['appStore', 'microsoftStore', 'flathub', 'snap', 'repository', 'web', 'lineOfBusiness'] as const;
/**
 * Where an app comes from. Store and repository apps name a package a device's own tool fetches;
 * `web` is a link; `lineOfBusiness` apps are packages the admin uploads (versions, `AppVersion`).
 */
export type AppKind = (typeof appKinds)[number];

export const linuxPackageManagers = ['apt', 'dnf'] as const;
/** The Linux package tools a `repository` app can be installed with. */
export type LinuxPackageManager = (typeof linuxPackageManagers)[number];

/**
 * What each kind adds to an app. What the `identifier` of the app means depends on the kind:
 * the bundle id (`appStore`), the Microsoft Store product id (`microsoftStore`), the flatpak ref
 * such as `app/org.mozilla.firefox/x86_64/stable` or `org.mozilla.firefox` (`flathub`), the
 * snap name (`snap`), the package name (`repository`), a reverse-DNS id the admin chooses (`web`),
 * and the identifier inside the package (dpkg/rpm name, bundle id, product code) for
 * `lineOfBusiness`.
 */
export type AppDetails =
  | { readonly kind: 'appStore'; readonly details: { readonly appStoreId: string } }
  | { readonly kind: 'microsoftStore'; readonly details: Readonly<Record<string, never>> }
  | { readonly kind: 'flathub'; readonly details: { readonly remote: string } }
  | { readonly kind: 'snap'; readonly details: { readonly channel: string; readonly classic: boolean } }
  /** Packages of the distribution's repositories, by the tools that may install them (apt, dnf or both: same name). */
  | { readonly kind: 'repository'; readonly details: { readonly packageManagers: readonly LinuxPackageManager[] } }
  | { readonly kind: 'web'; readonly details: { readonly url: string } }
  | { readonly kind: 'lineOfBusiness'; readonly details: Readonly<Record<string, never>> };

/** What every app has besides its kind. */
export interface AppHeader {
  readonly id: AppId;
  readonly tenantId: TenantId;
  readonly name: string;
  readonly description: string;
  readonly publisher: string;
  /** Unique within the tenant, compared case-insensitively (see `AppDetails` for what it names). */
  readonly identifier: string;
  /** Platforms the app is meant for; a device of another platform has it notApplicable. */
  readonly platforms: readonly Platform[];
  /** Hex SHA-256 of the app's icon (a PNG of at most 256 KiB, read through `getAppIcon`); null when it has none. */
  readonly iconSha256: string | null;
  /** The published version of a line-of-business app; null for other kinds and before the first upload. */
  readonly currentVersionId: AppVersionId | null;
  /** 1 on create, +1 on every change (a published version included): `expectedVersion` guards against lost updates. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A catalog app. */
export type App = AppHeader & AppDetails;

/** An app's icon: PNG bytes and their hash. */
export interface AppIcon {
  readonly png: Uint8Array;
  readonly sha256: string;
}

/** The largest icon Ward keeps (the console shows icons at 64–128 px; 256 KiB is ample for 512 px). */
export const appIconMaxBytes = 256 * 1024;

/**
 * One uploaded package of a line-of-business app. The adapter stores the file (content-addressed
 * by `sha256`) and reads the metadata from the package itself; core keeps the metadata.
 */
export interface AppVersion {
  readonly id: AppVersionId;
  readonly tenantId: TenantId;
  readonly appId: AppId;
  /** The version the package declares; unique per app. */
  readonly version: string;
  readonly format: AppPackageFormat;
  /** The identifier the package declares; always equal to its app's identifier. */
  readonly identifier: string;
  /** The name the package declares. */
  readonly name: string;
  readonly minimumOsVersion: string | null;
  /** `x86_64`, `arm64`, `all`, … as the package says; null when it does not. */
  readonly architecture: string | null;
  /** Hex SHA-256 of the file, checked by the agent before it installs anything. */
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly fileName: string;
  readonly createdAt: Date;
  /** When a later version was published in its place; null for the current version and unpublished ones. */
  readonly supersededAt: Date | null;
}

/** The platform each package format installs on. */
export const packageFormatPlatforms: Readonly<Record<AppPackageFormat, readonly Platform[]>> = {
  deb: ['linux'],
  rpm: ['linux'],
  appimage: ['linux'],
  pkg: ['macos'],
  msi: ['windows'],
  msix: ['windows'],
  ipa: ['ios', 'ipados'],
  apk: ['android'],
};

/** The platforms each kind of app can target (line-of-business: those of its package formats). */
export const appKindPlatforms: Readonly<Record<AppKind, readonly Platform[]>> = {
  appStore: ['ios', 'ipados', 'macos'],
  microsoftStore: ['windows'],
  flathub: ['linux'],
  snap: ['linux'],
  repository: ['linux'],
  web: ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'],
  lineOfBusiness: ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'],
};

// ---------------------------------------------------------------------------------------------
// Desired and reported apps per device
// ---------------------------------------------------------------------------------------------

export const appStateIntents = ['required', 'uninstall'] as const;
/**
 * Why a device has a row for an app: assigned as required or uninstall; null when no longer
 * assigned and waiting for the device to confirm the removal of what Ward installed.
 */
export type AppStateIntent = (typeof appStateIntents)[number];

export const appDesiredActions = ['install', 'remove', 'notApplicable'] as const;
/** What the server wants the device to do with an app. */
export type AppDesiredAction = (typeof appDesiredActions)[number];

export const appInstallStatuses = ['pending', 'installed', 'failed', 'notApplicable', 'removing', 'removed'] as const;
/**
 * Where one app stands on one device. `pending`: the device has not yet confirmed the current
 * version; `removing`: a removal was asked and not yet confirmed; `removed`: an uninstall
 * assignment's removal was confirmed.
 */
export type AppInstallStatus = (typeof appInstallStatuses)[number];

export const appReportedStatuses = ['installed', 'removed', 'failed', 'notApplicable'] as const;
export type AppReportedStatus = (typeof appReportedStatuses)[number];

/** What Ward installed on a device, kept so that it can be removed when no longer assigned (even after the app is deleted). */
export interface InstalledAppSource {
  readonly name: string;
  /** The agent's source, or an Apple one when Apple MDM installed it. */
  readonly source: AppSource | AppleAppSource;
}

/** The server's side of a device × app row, written by recomputation. */
export interface DesiredAppState {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly appId: AppId;
  /** null: no longer assigned (a removal of what Ward installed). */
  readonly intent: AppStateIntent | null;
  readonly action: AppDesiredAction;
  /** The hash of `item`; null when notApplicable. */
  readonly desiredHash: string | null;
  /** What the plan sends: an install item (action install) or a removal (action remove); null when notApplicable. */
  readonly item: DesiredAppItem | null;
  /** Why the app does not apply to this device (action notApplicable); null otherwise. */
  readonly reason: string | null;
  /** When the desired side last changed. */
  readonly desiredAt: Date;
}

/**
 * An install or a removal as the plan sends it: to the agent (`install`, `remove`), or to an
 * Apple MDM device as InstallApplication and RemoveApplication (`appleInstall`, `appleRemove`).
 */
export type DesiredAppItem =
  | { readonly type: 'install'; readonly install: AppItem }
  | { readonly type: 'remove'; readonly remove: AppRemoval }
  | { readonly type: 'appleInstall'; readonly install: AppleAppItem }
  | { readonly type: 'appleRemove'; readonly remove: AppleAppRemoval };

/** The device's side of the row, written from its reports. */
export interface ReportedAppState {
  readonly reportedHash: string | null;
  readonly reportedStatus: AppReportedStatus | null;
  /** The version the device says is installed. */
  readonly installedVersion: string | null;
  /** The device's error text, at most 2000 characters. */
  readonly error: string | null;
  readonly reportedAt: Date | null;
  /** Set when the device reports the install item it was sent as installed; cleared when it reports it removed. */
  readonly installed: InstalledAppSource | null;
}

/**
 * One row per device and app that is required, to be uninstalled, not applicable, or being
 * removed. `status` is derived (`derive-app-status.ts`) from both sides and stored so that
 * reports count it in SQL.
 */
export interface DeviceAppState extends DesiredAppState, ReportedAppState {
  readonly status: AppInstallStatus;
}

// ---------------------------------------------------------------------------------------------
// Inventory
// ---------------------------------------------------------------------------------------------

/** One name and version of installed software across the fleet, with how many devices report it. */
export interface InstalledAppSummary {
  readonly name: string;
  readonly version: string;
  readonly deviceCount: number;
}

/** A device that reports a given installed app. */
export interface InstalledAppDevice {
  readonly deviceId: DeviceId;
  readonly deviceName: string;
  readonly platform: Platform;
  readonly version: string;
  readonly source: string;
}
