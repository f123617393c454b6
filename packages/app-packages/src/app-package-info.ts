import type { AppPackageFormat } from '@ward/agent-protocol';

export { appPackageFormats, type AppPackageFormat } from '@ward/agent-protocol';

/** The platforms a package installs on. */
export const appPlatforms = ['linux', 'macos', 'windows', 'ios', 'android'] as const;
export type AppPlatform = (typeof appPlatforms)[number];

/** Which platform each format installs on. */
export const appPackagePlatform: Readonly<Record<AppPackageFormat, AppPlatform>> = Object.freeze({
  deb: 'linux',
  rpm: 'linux',
  appimage: 'linux',
  pkg: 'macos',
  msi: 'windows',
  msix: 'windows',
  ipa: 'ios',
  apk: 'android',
});

/** A PNG icon taken from the package. */
export interface AppPackageIcon {
  readonly mediaType: 'image/png';
  readonly bytes: Uint8Array;
}

/**
 * What Ward reads from an app package itself, never from what the uploader says about it.
 * Strings are as the package spells them (trimmed); `null` where the format has no such field or
 * the package leaves it out.
 */
export interface AppPackageInfo {
  readonly format: AppPackageFormat;
  readonly platform: AppPlatform;
  /**
   * What the platform's installer knows the app by: the dpkg/rpm package name, the AppImage's
   * desktop file id, the macOS product or package id, the MSI ProductCode, the MSIX package name,
   * the iOS bundle id, the Android package name.
   */
  readonly identifier: string;
  /** The name to show; the identifier where the package names nothing better. */
  readonly name: string;
  /** The version people see (rpm: `[epoch:]version-release`, MSI: ProductVersion). */
  readonly version: string;
  /** The machine-readable build number where the format has one beside `version` (CFBundleVersion, versionCode). */
  readonly buildVersion: string | null;
  /** The oldest OS version the package declares it runs on (macOS/iOS version, Windows build, Android API level). */
  readonly minimumOsVersion: string | null;
  /** The CPU architecture as the format names it (amd64, x86_64, noarch, x64, arm64, …). */
  readonly architecture: string | null;
  /** The vendor or maintainer as the package names it. */
  readonly publisher: string | null;
  /** A one-line summary where the package has one (deb synopsis, rpm SUMMARY, desktop Comment, MSIX Description). */
  readonly description: string | null;
  /** The package's own PNG icon, when it has one that can be reached without unpacking its payload. */
  readonly icon: AppPackageIcon | null;
  /**
   * For the MSI only: the UpgradeCode that ties the versions of one product together. Null elsewhere.
   */
  readonly upgradeCode: string | null;
}
