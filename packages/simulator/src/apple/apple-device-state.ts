import type { PlistDict } from '@ward/apple';
import type { AppleHardware } from './apple-hardware.js';

/** One entry of an MDM ErrorChain (Apple, "Command Responses": ErrorChain). */
export interface AppleErrorChainItem {
  readonly ErrorCode: number;
  readonly ErrorDomain: string;
  readonly LocalizedDescription: string;
  readonly USEnglishDescription?: string;
}

/** A payload of an installed profile, as ProfileList reports it. */
export interface InstalledPayload {
  readonly PayloadType: string;
  readonly PayloadIdentifier: string;
  readonly PayloadUUID: string;
  readonly PayloadVersion: number;
  readonly PayloadDisplayName?: string;
}

/** A profile the device holds. */
export interface InstalledProfile {
  readonly PayloadIdentifier: string;
  readonly PayloadUUID: string;
  readonly PayloadVersion: number;
  readonly PayloadDisplayName?: string;
  readonly PayloadOrganization?: string;
  readonly PayloadDescription?: string;
  readonly PayloadRemovalDisallowed: boolean;
  /** Installed by the MDM server (InstallProfile) rather than by the user (the enrollment profile). */
  readonly IsManaged: boolean;
  readonly SignerCertificates?: readonly Uint8Array[];
  readonly PayloadContent: readonly InstalledPayload[];
}

/** A certificate the device holds, as CertificateList reports it. */
export interface HeldCertificate {
  readonly CommonName: string;
  readonly IsIdentity: boolean;
  readonly Data: Uint8Array;
}

/** An app the device has, as InstalledApplicationList reports it. */
export interface InstalledApplication {
  readonly Identifier: string;
  readonly Name: string;
  readonly Version: string;
  readonly ShortVersion: string;
  readonly BundleSize: number;
  readonly IsManaged: boolean;
}

/** An app of the App Store as this device sees it: what an iTunesStoreID installs. */
export interface StoreApp {
  readonly Identifier: string;
  readonly Name: string;
  readonly ShortVersion: string;
  readonly BundleSize: number;
}

/**
 * An app the MDM server installed (InstallApplication), as ManagedApplicationList reports it.
 * Statuses Apple calls transient (Failed, UserInstalledApp, UserRejected…) are reported once and
 * then dropped, as devices do.
 */
export interface ManagedApp {
  readonly Identifier: string;
  readonly Status: string;
  readonly ManagementFlags: number;
  /** The managed app configuration the command carried (InstallApplication's Configuration). */
  readonly Configuration?: PlistDict;
  /** Where it came from: the App Store id, or the manifest URL. */
  readonly iTunesStoreID?: number;
  readonly ManifestURL?: string;
}

/** Scripted behaviour for tests and load runs: how the device misbehaves. */
export interface AppleDeviceScript {
  /** Answer NotNow to this many of the next commands, then work normally. */
  readonly notNowCount: number;
  /** RequestTypes answered with Error and this ErrorChain. */
  readonly failures: Readonly<Record<string, readonly AppleErrorChainItem[]>>;
}

/** Everything a virtual device's answers depend on. Immutable: answering returns a new state. */
export interface AppleDeviceState {
  readonly hardware: AppleHardware;
  readonly supervised: boolean;
  readonly passcodePresent: boolean;
  readonly passcodeCompliant: boolean;
  /** FileVault on a Mac. */
  readonly fdeEnabled: boolean;
  /** The screen is locked (after DeviceLock, or scripted): commands needing the keychain get NotNow. */
  readonly locked: boolean;
  readonly lostMode?: { readonly Message?: string; readonly PhoneNumber?: string; readonly Footnote?: string };
  readonly profiles: readonly InstalledProfile[];
  readonly certificates: readonly HeldCertificate[];
  readonly applications: readonly InstalledApplication[];
  /** Apps the MDM server installed (or is installing), by the order they came. */
  readonly managedApps: readonly ManagedApp[];
  /** The App Store catalogue this device reaches, by iTunesStoreID. */
  readonly storeApps: Readonly<Record<string, StoreApp>>;
  readonly timeZone: string;
  readonly script: AppleDeviceScript;
  /** The last settings each Settings item set, by Item. */
  readonly settings: Readonly<Record<string, PlistDict>>;
}

/** The apps a fresh device of each family reports. */
export function defaultApplications(hardware: AppleHardware): InstalledApplication[] {
  const app = (Identifier: string, Name: string, ShortVersion: string, BundleSize: number): InstalledApplication => ({
    Identifier,
    Name,
    Version: ShortVersion.replace(/\./g, ''),
    ShortVersion,
    BundleSize,
    IsManaged: false,
  });
  if (hardware.kind === 'Mac') {
    return [app('com.apple.Safari', 'Safari', '18.1', 14_680_064), app('com.apple.Keynote', 'Keynote', '14.2', 705_691_648), app('com.microsoft.Word', 'Microsoft Word', '16.90', 2_362_232_832)];
  }
  return [app('com.apple.Pages', 'Pages', '14.2', 402_653_184), app('com.microsoft.Office.Outlook', 'Microsoft Outlook', '4.2442.0', 289_406_976), app('com.apple.TestFlight', 'TestFlight', '3.7.0', 24_117_248)];
}

/** A freshly enrolled device: passcode set and compliant, FileVault on for a Mac, not supervised. */
export function initialAppleDeviceState(hardware: AppleHardware, options: { readonly supervised?: boolean } = {}): AppleDeviceState {
  return {
    hardware,
    supervised: options.supervised ?? false,
    passcodePresent: true,
    passcodeCompliant: true,
    fdeEnabled: hardware.kind === 'Mac',
    locked: false,
    profiles: [],
    certificates: [],
    applications: defaultApplications(hardware),
    managedApps: [],
    storeApps: {},
    timeZone: 'Europe/Paris',
    script: { notNowCount: 0, failures: {} },
    settings: {},
  };
}
