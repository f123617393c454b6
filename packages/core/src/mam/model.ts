import type { Brand, DeviceId, GroupId, TenantId, UserId } from '../kernel/brand.js';

// The mobile app management context: app protection policies, app configuration policies for SDK
// apps, the SDK's app registrations, selective wipe and usage. The wire contract with the SDK is
// docs/protocols/sdk-v1.md; names follow it.

export type AppProtectionPolicyId = Brand<string, 'AppProtectionPolicyId'>;
export type AppConfigurationPolicyId = Brand<string, 'AppConfigurationPolicyId'>;
export type AppRegistrationId = Brand<string, 'AppRegistrationId'>;
export type AppWipeId = Brand<string, 'AppWipeId'>;

// ---------------------------------------------------------------------------------------------
// App protection policies
// ---------------------------------------------------------------------------------------------

export const pinTypes = ['numeric', 'passcode'] as const;
export type PinType = (typeof pinTypes)[number];

/** How far corporate text may travel through the clipboard (Intune's "restrict cut, copy and paste"). */
export const clipboardLevels = ['allApps', 'managedApps', 'managedAppsWithPasteIn', 'blocked'] as const;
export type ClipboardLevel = (typeof clipboardLevels)[number];

/** What the SDK does on a jailbroken or rooted device. */
export const jailbreakActions = ['block', 'warn', 'wipe'] as const;
export type JailbreakAction = (typeof jailbreakActions)[number];

/** What the SDK does when the PIN retries run out. */
export const pinRetryActions = ['block', 'wipe'] as const;
export type PinRetryAction = (typeof pinRetryActions)[number];

/** The PIN gate of a protected app. */
export interface PinSettings {
  readonly required: boolean;
  readonly type: PinType;
  readonly minLength: number;
  readonly biometricAllowed: boolean;
  /** Minutes of use after which the PIN is asked again; 0: at every launch. */
  readonly recheckAfterMinutes: number;
  readonly maxRetries: number;
}

/** Limits of a device that stays off the network. */
export interface OfflineSettings {
  /** Minutes without a check-in after which the app refuses to unlock until one succeeds. */
  readonly accessCheckAfterMinutes: number;
  /** Days without a check-in after which the app wipes its corporate data. */
  readonly wipeAfterDays: number;
}

/** Conditions checked at every launch. Versions are dotted numbers (`1.2.0`); null: no minimum. */
export interface ConditionalLaunchSettings {
  readonly minAppVersion: string | null;
  readonly minSdkVersion: string | null;
  readonly jailbroken: JailbreakAction;
  readonly maxPinRetries: PinRetryAction;
}

/** What a protection policy makes the SDK enforce: the contract's ProtectionPolicy less `managedApps`. */
export interface ProtectionSettings {
  readonly pin: PinSettings;
  readonly encryptData: boolean;
  readonly clipboard: ClipboardLevel;
  readonly saveAsBlocked: boolean;
  readonly shareToUnmanagedBlocked: boolean;
  readonly printBlocked: boolean;
  readonly screenCaptureBlocked: boolean;
  readonly offline: OfflineSettings;
  readonly conditionalLaunch: ConditionalLaunchSettings;
}

/**
 * The policy exactly as the SDK receives it (sdk-v1.md, "The protection policy"). `managedApps`
 * is the policy's target apps: the apps that count as managed for clipboard and sharing.
 */
export interface ProtectionPolicy extends ProtectionSettings {
  readonly managedApps: readonly string[];
}

/**
 * Whom a MAM policy reaches: every user of the tenant or the members of user groups; a user in an
 * excluded group is never reached, whatever includes them (exclusion wins, as in Intune).
 */
export interface MamUserTargets {
  readonly include: 'allUsers' | readonly GroupId[];
  readonly exclude: readonly GroupId[];
}

/** The users and the apps (catalog identifiers, the SDK's `appId`) a policy targets. */
export interface MamTargets {
  readonly users: MamUserTargets;
  readonly apps: readonly string[];
}

/** Bounds on MAM policies. The ranges are the contract's; the list sizes keep policies bounded. */
export const mamPolicyLimits = {
  nameLength: 128,
  descriptionLength: 2000,
  pinLength: { min: 4, max: 16 },
  recheckAfterMinutes: { min: 0, max: 1440 },
  maxRetries: { min: 1, max: 20 },
  accessCheckAfterMinutes: { min: 1, max: 10080 },
  wipeAfterDays: { min: 1, max: 90 },
  apps: { min: 1, max: 100 },
  appIdentifierLength: 255,
  groups: 100,
  versionLength: 64,
  settings: 200,
  settingKeyLength: 256,
  settingValueLength: 4096,
} as const;

/**
 * Defaults for the settings a new policy leaves out: the protections Intune's "level 2 enhanced
 * data protection" framework turns on, with its offline periods (12 hours, 90 days).
 */
export const defaultProtectionSettings: ProtectionSettings = {
  pin: { required: true, type: 'numeric', minLength: 6, biometricAllowed: true, recheckAfterMinutes: 30, maxRetries: 5 },
  encryptData: true,
  clipboard: 'managedAppsWithPasteIn',
  saveAsBlocked: true,
  shareToUnmanagedBlocked: true,
  printBlocked: false,
  screenCaptureBlocked: false,
  offline: { accessCheckAfterMinutes: 720, wipeAfterDays: 90 },
  conditionalLaunch: { minAppVersion: null, minSdkVersion: null, jailbroken: 'block', maxPinRetries: 'block' },
};

/** An app protection policy as stored and read back. */
export interface AppProtectionPolicy {
  readonly id: AppProtectionPolicyId;
  readonly tenantId: TenantId;
  /** Unique within the tenant, compared case-insensitively. */
  readonly name: string;
  readonly description: string;
  readonly settings: ProtectionSettings;
  readonly targets: MamTargets;
  /** The `policyVersion` the SDK sees: SHA-256 hex of the canonical JSON of the {@link ProtectionPolicy}. */
  readonly hash: string;
  /** 1 on create, +1 on every update (optimistic concurrency for admins). */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

// ---------------------------------------------------------------------------------------------
// App configuration policies
// ---------------------------------------------------------------------------------------------

/** The user variables a configuration value may use, written `{{user.email}}`. */
export const appConfigurationVariables = [
  'user.id',
  'user.email',
  'user.displayName',
  'user.userPrincipalName',
  'user.upn',
  'user.givenName',
  'user.surname',
  'user.department',
  'user.jobTitle',
  'user.employeeId',
] as const;
export type AppConfigurationVariable = (typeof appConfigurationVariables)[number];

/** Key → value settings an app reads (its managed app configuration), values possibly templated. */
export type AppConfigurationSettings = Readonly<Record<string, string>>;

/** An app configuration policy as stored and read back. */
export interface AppConfigurationPolicy {
  readonly id: AppConfigurationPolicyId;
  readonly tenantId: TenantId;
  readonly name: string;
  readonly description: string;
  readonly settings: AppConfigurationSettings;
  readonly targets: MamTargets;
  /** SHA-256 hex of the canonical JSON of the unrendered settings and targets (changes with every edit). */
  readonly hash: string;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A configuration rendered for one user and app, with the `configurationVersion` the SDK sees. */
export interface RenderedAppConfiguration {
  readonly configuration: AppConfigurationSettings;
  /** SHA-256 hex of the canonical JSON of `configuration`. */
  readonly version: string;
}

// ---------------------------------------------------------------------------------------------
// Registrations
// ---------------------------------------------------------------------------------------------

export const sdkPlatforms = ['web', 'electron', 'node'] as const;
export type SdkPlatform = (typeof sdkPlatforms)[number];

/** Reasons the SDK raises; any one makes a registration count as unprotected. */
export const sdkFlags = ['jailbroken', 'appVersionTooLow', 'sdkVersionTooLow', 'pinRetriesExceeded', 'offlineTooLong'] as const;
export type SdkFlag = (typeof sdkFlags)[number];

/**
 * `active`: registered, gets its key share; `wipePending`: an admin asked for a wipe that the app
 * has not confirmed yet (the key share is withheld); `wiped`: confirmed or superseded, never
 * revived.
 */
export const appRegistrationStates = ['active', 'wipePending', 'wiped'] as const;
export type AppRegistrationState = (typeof appRegistrationStates)[number];

/** `registration`: one app's corporate data; `user`: everything of the corporate identity. */
export const appWipeScopes = ['registration', 'user'] as const;
export type AppWipeScope = (typeof appWipeScopes)[number];

/**
 * How a wipe ended: confirmed by the app (`succeeded` or `failed`, with its error), or
 * `superseded` when the same user, app and device tag registered anew while it waited (the old
 * key share is never released again, so the old data stays sealed).
 */
export const appWipeOutcomes = ['succeeded', 'failed', 'superseded'] as const;
export type AppWipeOutcome = (typeof appWipeOutcomes)[number];

/** A selective wipe of a registration. */
export interface AppWipe {
  readonly id: AppWipeId;
  readonly scope: AppWipeScope;
  readonly requestedAt: Date;
  /** The actor's readable name at the time (e-mail, token name, `system`). */
  readonly requestedBy: string;
  readonly confirmedAt: Date | null;
  readonly outcome: AppWipeOutcome | null;
  /** The error the app reported with a `failed` outcome. */
  readonly error: string | null;
}

/** The public half of the registration's ECDSA P-256 key, as a JWK. */
export interface SdkPublicKey {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/** What the app last reported about itself at a check-in. */
export interface AppReportedState {
  readonly policyVersion: string | null;
  readonly configurationVersion: string | null;
  readonly pinSet: boolean | null;
  readonly encrypted: boolean | null;
  readonly jailbroken: boolean | null;
  readonly flagged: readonly SdkFlag[];
}

/** An app registration without its secret: what admins see. */
export interface AppRegistrationView {
  readonly id: AppRegistrationId;
  readonly tenantId: TenantId;
  readonly userId: UserId;
  /** The catalog identifier of the app (the SDK's `appId`). */
  readonly appIdentifier: string;
  readonly appVersion: string;
  readonly sdkVersion: string;
  readonly platform: SdkPlatform;
  readonly deviceTag: string;
  readonly deviceName: string | null;
  readonly osName: string | null;
  readonly osVersion: string | null;
  /** The relying party (OAuth client id) whose access token registered the app, when known. */
  readonly clientId: string | null;
  /** The enrolled device the app proved it runs on, when it presented a device assertion. */
  readonly deviceId: DeviceId | null;
  readonly publicKey: SdkPublicKey;
  readonly state: AppRegistrationState;
  /** The highest check-in sequence accepted; 0 before the first. */
  readonly sequence: number;
  readonly reported: AppReportedState;
  readonly lastCheckInAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly wipe: AppWipe | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A registration as stored: with the server's key share (base64url of 32 bytes; sealed at rest by the store). */
export interface AppRegistration extends AppRegistrationView {
  readonly keyShare: string;
}

/** Bounds on what the SDK sends. */
export const sdkLimits = {
  /** Register and check-in bodies. */
  bodyBytes: 16 * 1024,
  appIdLength: 255,
  versionLength: 64,
  deviceTag: { min: 22, max: 64 },
  deviceNameLength: 200,
  osFieldLength: 64,
  /** How far `sentAt` may be from the server's clock. */
  maxSkewMs: 5 * 60_000,
  launchesPerCheckIn: 100_000,
  activeDays: 100,
  wipeErrorLength: 1000,
  keyShareBytes: 32,
} as const;

/** How often the SDK checks in when nothing else tells it (seconds). */
export const sdkCheckInIntervalSeconds = 900;

// ---------------------------------------------------------------------------------------------
// Usage
// ---------------------------------------------------------------------------------------------

/** One app's use on one day (UTC). */
export interface AppUsageDay {
  readonly appIdentifier: string;
  /** `YYYY-MM-DD`. */
  readonly day: string;
  readonly launches: number;
  /** Distinct users who used the app that day. */
  readonly activeUsers: number;
  readonly lastUsedAt: Date | null;
}

/** An app's usage over a range of days. */
export interface AppUsageSummary {
  readonly appIdentifier: string;
  readonly days: readonly AppUsageDay[];
  readonly launches: number;
  readonly lastUsedAt: Date | null;
}

/** One increment of usage: a user's launches of an app on a day, and the last use seen. */
export interface AppUsageIncrement {
  readonly tenantId: TenantId;
  readonly appIdentifier: string;
  readonly userId: UserId;
  readonly day: string;
  readonly launches: number;
  readonly lastUsedAt: Date | null;
}

// ---------------------------------------------------------------------------------------------
// Conditional access
// ---------------------------------------------------------------------------------------------

/** Why a registration does or does not count as protected (sdk-v1.md, "Conditional access"). */
export const appProtectionReasons = [
  'protected',
  'assertionInvalid',
  'registrationNotFound',
  'otherUser',
  'wiped',
  'wipePending',
  'noPolicy',
  'notCheckedIn',
  'offlineTooLong',
  'policyOutdated',
  'flagged',
] as const;
export type AppProtectionReason = (typeof appProtectionReasons)[number];

/** The identity provider's answer for `appProtection`. */
export interface AppProtectionStatus {
  readonly protected: boolean;
  readonly reason: AppProtectionReason;
  readonly registrationId: AppRegistrationId | null;
  readonly appIdentifier: string | null;
}
