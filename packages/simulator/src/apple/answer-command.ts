import { X509Certificate } from 'node:crypto';
import { parsePlist, PlistReal, type PlistDict, type PlistValue } from '@ward/apple';
import type { AppleDeviceState, AppleErrorChainItem, HeldCertificate, InstalledApplication, InstalledPayload, InstalledProfile, ManagedApp, StoreApp } from './apple-device-state.js';
import { decryptEnvelope } from './cms-envelope.js';
import { isPlainDict, plistFields } from './plist-fields.js';
import { openProfile } from './read-enrollment-profile.js';
import type { RsaIdentity } from './rsa-identity.js';

/** The two MDM channels: the device's, and (macOS) the signed-in user's. */
export type AppleChannel = 'device' | 'user';

/** What a command may make the device do beyond answering. */
export type AppleDeviceEvent = 'restart' | 'shutdown' | 'erase' | 'unenroll';

/** What answering needs besides the state. */
export interface CommandContext {
  readonly now: Date;
  readonly channel: AppleChannel;
  /** The device identity: decrypts EncryptedPayloadContent addressed to it. */
  readonly identity?: RsaIdentity;
  /** Roots InstallProfile's signed profiles must chain to; absent, only the signature is checked. */
  readonly profileTrustAnchorsDer?: readonly Uint8Array[];
  /** The enrollment profile's PayloadIdentifier: removing it unenrolls the device. */
  readonly enrollmentProfileIdentifier?: string;
  /**
   * What fetching each InstallApplication's ManifestURL (and the package it names) gave, by URL:
   * the device fetches before it answers, so answering itself stays pure.
   */
  readonly downloads?: ReadonlyMap<string, AppDownload>;
}

/**
 * The outcome of fetching a manifest and its package over the device identity: the app it
 * installs (bundle id, name and version from the manifest, size of the package), or why not.
 * `app` is absent when the manifest itself could not be read (nothing names the app then).
 */
export type AppDownload =
  | { readonly ok: true; readonly app: StoreApp }
  | { readonly ok: false; readonly reason: string; readonly app?: Pick<StoreApp, 'Identifier' | 'Name' | 'ShortVersion'> };

/** A device's answer to one command: the response body, the state after it, and any side effect. */
export interface CommandAnswer {
  readonly response: PlistDict;
  readonly state: AppleDeviceState;
  readonly event?: AppleDeviceEvent;
}

/**
 * The ErrorChains the simulator answers with. Domains are the ones iOS reports (MCMDMErrorDomain,
 * MCProfileErrorDomain); the codes are the simulator's stable choice, so tests can match them.
 */
export const simulatedErrors = {
  unknownRequestType: { ErrorCode: 12021, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: 'Unknown command' },
  notSupervised: { ErrorCode: 12081, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: 'This command requires a supervised device' },
  notSupported: { ErrorCode: 12070, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: 'This command is not supported on this device or channel' },
  profileNotInstalled: { ErrorCode: 1004, ErrorDomain: 'MCProfileErrorDomain', LocalizedDescription: 'The profile is not installed' },
  profileInvalid: { ErrorCode: 1000, ErrorDomain: 'MCProfileErrorDomain', LocalizedDescription: 'The profile is not valid' },
  profileUntrusted: { ErrorCode: 1002, ErrorDomain: 'MCProfileErrorDomain', LocalizedDescription: 'The profile signature cannot be verified' },
  removalDisallowed: { ErrorCode: 1005, ErrorDomain: 'MCProfileErrorDomain', LocalizedDescription: 'The profile cannot be removed' },
  unlockTokenInvalid: { ErrorCode: 12028, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: 'The unlock token is not valid' },
  settingUnsupported: { ErrorCode: 12071, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: 'The setting is not supported' },
  appNotManaged: { ErrorCode: 12029, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: 'The app is not managed' },
  manifestUnreadable: { ErrorCode: 12031, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: 'The app manifest could not be downloaded' },
} as const satisfies Record<string, AppleErrorChainItem>;

// Commands that need the data-protection keychain: a locked device defers them with NotNow, as iOS
// does ("Commands That Need the Device to Be Unlocked" in Apple's MDM protocol guide).
const needsUnlock = new Set(['InstallProfile', 'RemoveProfile', 'InstallApplication', 'Settings']);
// What the user channel of a Mac accepts; everything else is a device-channel command.
const userChannelCommands = new Set(['ProfileList', 'InstallProfile', 'RemoveProfile', 'CertificateList', 'InstalledApplicationList', 'ManagedApplicationList', 'DeclarativeManagement']);
const notForUserEnrollment = new Set(['EraseDevice', 'ClearPasscode', 'EnableLostMode', 'DisableLostMode', 'RestartDevice', 'ShutDownDevice', 'DeviceLock']);
const settingItems = new Set(['DeviceName', 'HostName', 'TimeZone', 'Bluetooth', 'DataRoaming', 'VoiceRoaming', 'PersonalHotspot', 'MDMOptions', 'Wallpaper', 'SoftwareUpdateSettings']);

/** The keys naming the device (or user) on every message it sends over `channel`. */
export function reportIdentity(state: AppleDeviceState, channel: AppleChannel): Record<string, PlistValue> {
  const { hardware } = state;
  const keys: Record<string, PlistValue> = hardware.enrollmentId !== undefined ? { EnrollmentID: hardware.enrollmentId } : { UDID: hardware.udid ?? '' };
  if (channel === 'user' && hardware.user) Object.assign(keys, { UserID: hardware.user.userId, UserShortName: hardware.user.shortName, UserLongName: hardware.user.longName });
  if (channel === 'user' && hardware.enrollmentUserId !== undefined) keys.EnrollmentUserID = hardware.enrollmentUserId;
  return keys;
}

function respond(state: AppleDeviceState, context: CommandContext, commandUuid: string | undefined, status: string, extra: Record<string, PlistValue> = {}): PlistDict {
  return { ...(commandUuid !== undefined ? { CommandUUID: commandUuid } : {}), Status: status, ...reportIdentity(state, context.channel), ...extra };
}

function errorChain(items: readonly AppleErrorChainItem[]): PlistValue[] {
  return items.map((item) => ({ ...item, USEnglishDescription: item.USEnglishDescription ?? item.LocalizedDescription }));
}

/**
 * Answers one command as an Apple device does (Apple, "Commands and Queries"): `command` is the
 * plist the server sent, `{ CommandUUID, Command: { RequestType, … } }`. Pure apart from
 * certificate parsing: the same state and command give the same answer.
 *
 * Scripted behaviour comes first: a pending NotNow count answers NotNow (and counts down), a
 * scripted failure answers Error with its ErrorChain. A locked device answers NotNow to commands
 * that need it unlocked. A command without CommandUUID or RequestType is a CommandFormatError.
 */
export function answerCommand(state: AppleDeviceState, command: PlistValue, context: CommandContext): CommandAnswer {
  if (!isPlainDict(command)) return { response: respond(state, context, undefined, 'CommandFormatError'), state };
  const commandUuid = plistFields.string(command, 'CommandUUID');
  const body = plistFields.dict(command, 'Command');
  const requestType = body ? plistFields.string(body, 'RequestType') : undefined;
  if (commandUuid === undefined || !body || requestType === undefined) return { response: respond(state, context, commandUuid, 'CommandFormatError'), state };

  if (state.script.notNowCount > 0) {
    return { response: respond(state, context, commandUuid, 'NotNow'), state: { ...state, script: { ...state.script, notNowCount: state.script.notNowCount - 1 } } };
  }
  const failure = Object.prototype.hasOwnProperty.call(state.script.failures, requestType) ? state.script.failures[requestType] : undefined;
  if (failure) return { response: respond(state, context, commandUuid, 'Error', { ErrorChain: errorChain(failure) }), state };
  if (state.locked && needsUnlock.has(requestType)) return { response: respond(state, context, commandUuid, 'NotNow'), state };

  const fail = (item: AppleErrorChainItem): CommandAnswer => ({ response: respond(state, context, commandUuid, 'Error', { ErrorChain: errorChain([item]) }), state });
  const formatError = (): CommandAnswer => ({ response: respond(state, context, commandUuid, 'CommandFormatError'), state });
  const ok = (next: AppleDeviceState, extra: Record<string, PlistValue> = {}, event?: AppleDeviceEvent): CommandAnswer => ({
    response: respond(next, context, commandUuid, 'Acknowledged', extra),
    state: next,
    ...(event ? { event } : {}),
  });
  const { hardware } = state;
  const isMac = hardware.kind === 'Mac';
  const isUserEnrollment = hardware.kind === 'userEnrollment';

  if (context.channel === 'user' && !userChannelCommands.has(requestType)) return fail(simulatedErrors.notSupported);
  if (isUserEnrollment && notForUserEnrollment.has(requestType)) return fail(simulatedErrors.notSupported);

  switch (requestType) {
    case 'DeviceInformation': {
      const queries = plistFields.strings(body, 'Queries');
      if (!queries) return formatError();
      const known = deviceInformation(state);
      const responses: Record<string, PlistValue> = {};
      for (const query of queries) {
        const value = Object.prototype.hasOwnProperty.call(known, query) ? known[query] : undefined;
        if (value !== undefined) responses[query] = value;
      }
      return ok(state, { QueryResponses: responses });
    }
    case 'SecurityInfo':
      return ok(state, { SecurityInfo: securityInfo(state) });
    case 'ProfileList':
      return ok(state, { ProfileList: state.profiles.map(profileListItem) });
    case 'CertificateList': {
      const managedOnly = plistFields.boolean(body, 'ManagedOnly') ?? false;
      return ok(state, { CertificateList: state.certificates.filter((certificate) => !managedOnly || certificate.IsIdentity).map((certificate) => ({ ...certificate })) });
    }
    case 'InstalledApplicationList': {
      const identifiers = plistFields.strings(body, 'Identifiers');
      const managedOnly = plistFields.boolean(body, 'ManagedAppsOnly') ?? false;
      const apps = state.applications.filter((app) => (!identifiers || identifiers.includes(app.Identifier)) && (!managedOnly || app.IsManaged));
      return ok(state, {
        InstalledApplicationList: apps.map((app) => ({ Identifier: app.Identifier, Name: app.Name, Version: app.Version, ShortVersion: app.ShortVersion, BundleSize: app.BundleSize, DynamicSize: 0, IsValidated: true, ExternalVersionIdentifier: 0 })),
      });
    }
    case 'InstallProfile': {
      const payload = plistFields.data(body, 'Payload');
      if (!payload) return formatError();
      const installed = readInstallableProfile(payload, context);
      if (installed.outcome === 'malformed') return formatError();
      if (installed.outcome !== 'installed') return fail(installed.outcome === 'untrusted' ? simulatedErrors.profileUntrusted : simulatedErrors.profileInvalid);
      const profiles = [...state.profiles.filter((profile) => profile.PayloadIdentifier !== installed.profile.PayloadIdentifier), installed.profile];
      const certificates = [
        ...state.certificates.filter((held) => !installed.certificates.some((added) => Buffer.compare(Buffer.from(added.Data), Buffer.from(held.Data)) === 0)),
        ...installed.certificates,
      ];
      return ok({ ...state, profiles, certificates });
    }
    case 'RemoveProfile': {
      const identifier = plistFields.string(body, 'Identifier');
      if (identifier === undefined) return formatError();
      if (identifier === context.enrollmentProfileIdentifier) return ok({ ...state, profiles: state.profiles.filter((profile) => profile.PayloadIdentifier !== identifier) }, {}, 'unenroll');
      const profile = state.profiles.find((candidate) => candidate.PayloadIdentifier === identifier);
      if (!profile) return fail(simulatedErrors.profileNotInstalled);
      if (!profile.IsManaged) return fail(simulatedErrors.removalDisallowed);
      return ok({ ...state, profiles: state.profiles.filter((candidate) => candidate !== profile) });
    }
    case 'DeviceLock':
      return ok({ ...state, locked: true }, isMac ? {} : { MessageResult: plistFields.string(body, 'Message') !== undefined });
    case 'RestartDevice':
      if (!isMac && !state.supervised) return fail(simulatedErrors.notSupervised);
      return ok({ ...state, locked: !isMac && state.passcodePresent }, {}, 'restart');
    case 'ShutDownDevice':
      if (!isMac && !state.supervised) return fail(simulatedErrors.notSupervised);
      return ok(state, {}, 'shutdown');
    case 'EraseDevice':
      return ok(state, {}, 'erase');
    case 'ClearPasscode': {
      if (isMac) return fail(simulatedErrors.notSupported);
      const unlockToken = plistFields.data(body, 'UnlockToken');
      if (!unlockToken) return formatError();
      if (unlockToken.length === 0) return fail(simulatedErrors.unlockTokenInvalid);
      return ok({ ...state, passcodePresent: false, passcodeCompliant: false, locked: false });
    }
    case 'Settings':
      return answerSettings(state, body, ok, formatError);
    case 'InstallApplication':
      return answerInstallApplication(state, body, context, ok, fail, formatError);
    case 'RemoveApplication': {
      const identifier = plistFields.string(body, 'Identifier');
      if (identifier === undefined) return formatError();
      const managed = state.managedApps.find((app) => app.Identifier === identifier && !transientStatuses.has(app.Status) && app.Status !== 'ManagedButUninstalled');
      if (!managed) return fail(simulatedErrors.appNotManaged);
      return ok({ ...state, managedApps: state.managedApps.filter((app) => app !== managed), applications: state.applications.filter((app) => app.Identifier !== identifier) });
    }
    case 'ManagedApplicationList': {
      const hasFilter = Object.prototype.hasOwnProperty.call(body, 'Identifiers');
      const identifiers = plistFields.strings(body, 'Identifiers');
      if (hasFilter && !identifiers) return formatError();
      const listed = state.managedApps.filter((app) => !identifiers || identifiers.includes(app.Identifier));
      const list: Record<string, PlistValue> = {};
      for (const app of listed) {
        list[app.Identifier] = { Status: app.Status, ManagementFlags: app.ManagementFlags, HasConfiguration: app.Configuration !== undefined, HasFeedback: false, IsValidated: true, ExternalVersionIdentifier: 0 };
      }
      // Transient statuses are reported once (Apple, ManagedApplicationList): then the entry goes.
      const reported = new Set(listed.filter((app) => transientStatuses.has(app.Status)));
      return ok({ ...state, managedApps: state.managedApps.filter((app) => !reported.has(app)) }, { ManagedApplicationList: list });
    }
    case 'EnableLostMode': {
      if (isMac) return fail(simulatedErrors.notSupported);
      if (!state.supervised) return fail(simulatedErrors.notSupervised);
      const message = plistFields.string(body, 'Message');
      const phoneNumber = plistFields.string(body, 'PhoneNumber');
      const footnote = plistFields.string(body, 'Footnote');
      if (message === undefined && phoneNumber === undefined) return formatError();
      return ok({
        ...state,
        locked: true,
        lostMode: { ...(message !== undefined ? { Message: message } : {}), ...(phoneNumber !== undefined ? { PhoneNumber: phoneNumber } : {}), ...(footnote !== undefined ? { Footnote: footnote } : {}) },
      });
    }
    case 'DisableLostMode': {
      if (isMac) return fail(simulatedErrors.notSupported);
      if (!state.supervised) return fail(simulatedErrors.notSupervised);
      const { lostMode: _left, ...rest } = state;
      return ok(rest);
    }
    default:
      return fail(simulatedErrors.unknownRequestType);
  }
}

function answerSettings(
  state: AppleDeviceState,
  body: PlistDict,
  ok: (next: AppleDeviceState, extra?: Record<string, PlistValue>) => CommandAnswer,
  formatError: () => CommandAnswer,
): CommandAnswer {
  const items = plistFields.array(body, 'Settings');
  if (!items) return formatError();
  let next = state;
  const results: PlistValue[] = [];
  for (const item of items) {
    const name = isPlainDict(item) ? plistFields.string(item, 'Item') : undefined;
    if (!isPlainDict(item) || name === undefined) return formatError();
    if (!settingItems.has(name)) {
      results.push({ Item: name, Status: 'Error', ErrorChain: errorChain([simulatedErrors.settingUnsupported]) });
      continue;
    }
    if (name === 'DeviceName' || name === 'HostName') {
      const value = plistFields.string(item, name);
      if (value !== undefined && name === 'DeviceName') next = { ...next, hardware: { ...next.hardware, deviceName: value } };
    }
    if (name === 'TimeZone') next = { ...next, timeZone: plistFields.string(item, 'TimeZone') ?? next.timeZone };
    next = { ...next, settings: { ...next.settings, [name]: item } };
    results.push({ Item: name, Status: 'Acknowledged' });
  }
  return ok(next, { Settings: results });
}

/** ManagedApplicationList statuses Apple reports once and then drops. */
const transientStatuses = new Set(['UserInstalledApp', 'UserRejected', 'UpdateRejected', 'ManagementRejected', 'Failed']);

/**
 * InstallApplication (Apple, application.install.yaml), as a device answers it: exactly one of
 * iTunesStoreID (looked up in the device's App Store catalogue; an unknown id is rejected with
 * CouldNotVerifyAppID) and ManifestURL (https; fetched with the package before answering, see
 * {@link CommandContext.downloads}). ManagementFlags must be 1, 4 or 5; a User Enrollment refuses
 * ChangeManagementState and InstallAsManaged. An app the user installed is taken over only with
 * ChangeManagementState Managed, otherwise the answer is UserInstalledApp. An App Store app is
 * Managed at once; a manifest app answers Installing and is Managed (or Failed, when its bytes did
 * not match the manifest's hash) by the next ManagedApplicationList. The Configuration is kept.
 */
function answerInstallApplication(
  state: AppleDeviceState,
  body: PlistDict,
  context: CommandContext,
  ok: (next: AppleDeviceState, extra?: Record<string, PlistValue>) => CommandAnswer,
  fail: (item: AppleErrorChainItem) => CommandAnswer,
  formatError: () => CommandAnswer,
): CommandAnswer {
  const storeId = plistFields.integer(body, 'iTunesStoreID');
  const manifestUrl = plistFields.string(body, 'ManifestURL');
  if ((storeId === undefined) === (manifestUrl === undefined)) return formatError();
  if (manifestUrl !== undefined && !manifestUrl.startsWith('https:')) return formatError();
  const hasFlags = Object.prototype.hasOwnProperty.call(body, 'ManagementFlags');
  const flags = plistFields.integer(body, 'ManagementFlags');
  if (hasFlags && (flags === undefined || ![1, 4, 5].includes(flags))) return formatError();
  const configuration = plistFields.dict(body, 'Configuration');
  if (Object.prototype.hasOwnProperty.call(body, 'Configuration') && configuration === undefined) return formatError();
  const change = plistFields.string(body, 'ChangeManagementState');
  if (state.hardware.kind === 'userEnrollment' && (change !== undefined || Object.prototype.hasOwnProperty.call(body, 'InstallAsManaged'))) return fail(simulatedErrors.notSupported);

  let app: StoreApp;
  let finalStatus = 'Managed';
  if (storeId !== undefined) {
    const known = Object.prototype.hasOwnProperty.call(state.storeApps, String(storeId)) ? state.storeApps[String(storeId)] : undefined;
    if (!known) return ok(state, { RejectionReason: 'CouldNotVerifyAppID' });
    app = known;
  } else {
    const download = context.downloads?.get(manifestUrl ?? '');
    if (!download || (!download.ok && !download.app)) return fail(simulatedErrors.manifestUnreadable);
    app = download.ok ? download.app : { ...(download.app as Pick<StoreApp, 'Identifier' | 'Name' | 'ShortVersion'>), BundleSize: 0 };
    if (!download.ok) finalStatus = 'Failed';
  }
  const userCopy = state.applications.find((candidate) => candidate.Identifier === app.Identifier && !candidate.IsManaged);
  if (userCopy && change !== 'Managed') return ok(state, { Identifier: app.Identifier, State: 'UserInstalledApp' });
  const record: ManagedApp = {
    Identifier: app.Identifier,
    Status: finalStatus,
    ManagementFlags: flags ?? 0,
    ...(configuration ? { Configuration: configuration } : {}),
    ...(storeId !== undefined ? { iTunesStoreID: storeId } : {}),
    ...(manifestUrl !== undefined ? { ManifestURL: manifestUrl } : {}),
  };
  const installed: InstalledApplication = { Identifier: app.Identifier, Name: app.Name, Version: app.ShortVersion.replace(/\./g, ''), ShortVersion: app.ShortVersion, BundleSize: app.BundleSize, IsManaged: true };
  const next: AppleDeviceState = {
    ...state,
    managedApps: [...state.managedApps.filter((candidate) => candidate.Identifier !== app.Identifier), record],
    applications: finalStatus === 'Managed' ? [...state.applications.filter((candidate) => candidate.Identifier !== app.Identifier), installed] : state.applications,
  };
  return ok(next, { Identifier: app.Identifier, State: manifestUrl !== undefined ? 'Installing' : 'Managed' });
}

/** Every DeviceInformation query the simulator answers, with its value for this device. */
export function deviceInformation(state: AppleDeviceState): Readonly<Record<string, PlistValue>> {
  const { hardware } = state;
  const isMac = hardware.kind === 'Mac';
  const isUserEnrollment = hardware.kind === 'userEnrollment';
  const general: Record<string, PlistValue> = {
    DeviceName: hardware.deviceName,
    OSVersion: hardware.osVersion,
    BuildVersion: hardware.buildVersion,
    ModelName: hardware.modelName,
    Model: hardware.model,
    ProductName: hardware.productName,
    DeviceCapacity: new PlistReal(hardware.capacityGb),
    AvailableDeviceCapacity: hardware.capacityGb * 0.62,
    IsSupervised: state.supervised,
    IsMDMLostModeEnabled: state.lostMode !== undefined,
    IsDeviceLocatorServiceEnabled: true,
    IsActivationLockEnabled: !isMac,
    IsDoNotDisturbInEffect: false,
    IsCloudBackupEnabled: !isMac,
    AwaitingConfiguration: false,
    TimeZone: state.timeZone,
    Languages: ['en', 'fr'],
    Locales: ['en_US', 'fr_FR'],
    SupplementalBuildVersion: hardware.buildVersion,
    IsMultiUser: false,
    HasBattery: true,
  };
  if (!isUserEnrollment) {
    Object.assign(general, { UDID: hardware.udid ?? '', SerialNumber: hardware.serialNumber, WiFiMAC: hardware.wifiMac, BluetoothMAC: hardware.bluetoothMac, EASDeviceIdentifier: hardware.serialNumber });
  }
  if (isMac) {
    Object.assign(general, { IsAppleSilicon: true, SystemIntegrityProtectionEnabled: true, EthernetMAC: hardware.wifiMac, HostName: `${hardware.deviceName.replace(/\s+/g, '-')}.local`, LocalHostName: hardware.deviceName.replace(/\s+/g, '-') });
  } else {
    Object.assign(general, { BatteryLevel: 0.84, CellularTechnology: hardware.imei !== undefined ? 3 : 0, ModemFirmwareVersion: hardware.imei !== undefined ? '1.11.01' : '' });
    if (hardware.imei !== undefined && !isUserEnrollment) general.IMEI = hardware.imei;
  }
  return general;
}

/** SecurityInfo's dictionary for this device (information.security.yaml). */
export function securityInfo(state: AppleDeviceState): PlistDict {
  const management = { EnrolledViaDEP: false, UserApprovedEnrollment: true, IsUserEnrollment: state.hardware.kind === 'userEnrollment', IsActivationLockManageable: false };
  if (state.hardware.kind === 'Mac') {
    return {
      FDE_Enabled: state.fdeEnabled,
      FDE_HasPersonalRecoveryKey: state.fdeEnabled,
      FDE_HasInstitutionalRecoveryKey: false,
      SystemIntegrityProtectionEnabled: true,
      AuthenticatedRootVolumeEnabled: true,
      FirewallSettings: { FirewallEnabled: true, BlockAllIncoming: false, StealthMode: false, Applications: [], LoggingEnabled: true, LoggingOption: 'throttled' },
      FirmwarePasswordStatus: {},
      SecureBoot: { SecureBootLevel: 'full', ExternalBootLevel: 'not supported' },
      RemoteDesktopEnabled: false,
      BootstrapTokenAllowedForAuthentication: 'not supported',
      BootstrapTokenRequiredForSoftwareUpdate: false,
      BootstrapTokenRequiredForKernelExtensionApproval: false,
      IsRecoveryLockEnabled: false,
      ManagementStatus: management,
    };
  }
  return {
    HardwareEncryptionCaps: 3,
    PasscodePresent: state.passcodePresent,
    PasscodeCompliant: state.passcodeCompliant,
    PasscodeCompliantWithProfiles: state.passcodeCompliant,
    PasscodeLockGracePeriodEnforced: 0,
    ManagementStatus: management,
  };
}

function profileListItem(profile: InstalledProfile): PlistDict {
  const item: Record<string, PlistValue> = {
    PayloadIdentifier: profile.PayloadIdentifier,
    PayloadUUID: profile.PayloadUUID,
    PayloadVersion: profile.PayloadVersion,
    PayloadRemovalDisallowed: profile.PayloadRemovalDisallowed,
    HasRemovalPasscode: false,
    IsEncrypted: false,
    IsManaged: profile.IsManaged,
    PayloadContent: profile.PayloadContent.map((payload) => ({ ...payload })),
  };
  if (profile.PayloadDisplayName !== undefined) item.PayloadDisplayName = profile.PayloadDisplayName;
  if (profile.PayloadOrganization !== undefined) item.PayloadOrganization = profile.PayloadOrganization;
  if (profile.PayloadDescription !== undefined) item.PayloadDescription = profile.PayloadDescription;
  if (profile.SignerCertificates) item.SignerCertificates = [...profile.SignerCertificates];
  return item;
}

type InstallOutcome =
  | { readonly outcome: 'installed'; readonly profile: InstalledProfile; readonly certificates: readonly HeldCertificate[] }
  | { readonly outcome: 'malformed' | 'invalid' | 'untrusted' };

function commonNameOf(certificate: X509Certificate): string {
  const line = certificate.subject.split('\n').find((part) => part.startsWith('CN='));
  return line?.slice(3) ?? certificate.subject;
}

/**
 * The profile a payload describes, as {@link answerCommand} installs it (also what the device holds
 * after enrolling). Garbage is `malformed`; a bad signature or chain `untrusted`; a plist that is
 * not a Configuration profile, or an EncryptedPayloadContent that does not open, `invalid`.
 */
export function readInstallableProfile(payload: Uint8Array, context: Pick<CommandContext, 'now' | 'identity' | 'profileTrustAnchorsDer'>, isManaged = true): InstallOutcome {
  let opened: ReturnType<typeof openProfile>;
  try {
    opened = openProfile(payload, { now: context.now, ...(context.profileTrustAnchorsDer ? { trustAnchorsDer: context.profileTrustAnchorsDer } : {}) });
  } catch (error) {
    return { outcome: error instanceof Error && /signature|signer|messageDigest/.test(error.message) ? 'untrusted' : 'malformed' };
  }
  const { plist } = opened;
  let payloads = opened.payloads;
  const identifier = plistFields.string(plist, 'PayloadIdentifier');
  const uuid = plistFields.string(plist, 'PayloadUUID');
  if (plistFields.string(plist, 'PayloadType') !== 'Configuration' || identifier === undefined || uuid === undefined) return { outcome: 'invalid' };
  const encrypted = plistFields.data(plist, 'EncryptedPayloadContent');
  if (encrypted) {
    if (!context.identity) return { outcome: 'invalid' };
    try {
      const content = parsePlist(decryptEnvelope(encrypted, context.identity));
      payloads = Array.isArray(content) ? (content as readonly PlistValue[]).filter((item): item is PlistDict => isPlainDict(item)) : [];
    } catch {
      return { outcome: 'invalid' };
    }
  }
  const installedPayloads: InstalledPayload[] = [];
  const certificates: HeldCertificate[] = [];
  for (const item of payloads) {
    const type = plistFields.string(item, 'PayloadType');
    const payloadIdentifier = plistFields.string(item, 'PayloadIdentifier');
    const payloadUuid = plistFields.string(item, 'PayloadUUID');
    if (type === undefined || payloadIdentifier === undefined || payloadUuid === undefined) return { outcome: 'invalid' };
    const displayName = plistFields.string(item, 'PayloadDisplayName');
    installedPayloads.push({ PayloadType: type, PayloadIdentifier: payloadIdentifier, PayloadUUID: payloadUuid, PayloadVersion: plistFields.integer(item, 'PayloadVersion') ?? 1, ...(displayName !== undefined ? { PayloadDisplayName: displayName } : {}) });
    const data = plistFields.data(item, 'PayloadContent');
    if (data && ['com.apple.security.root', 'com.apple.security.pkcs1', 'com.apple.security.pem'].includes(type)) {
      try {
        const certificate = new X509Certificate(Buffer.from(data));
        certificates.push({ CommonName: commonNameOf(certificate), IsIdentity: false, Data: new Uint8Array(certificate.raw) });
      } catch {
        return { outcome: 'invalid' };
      }
    }
  }
  const displayName = plistFields.string(plist, 'PayloadDisplayName');
  const organization = plistFields.string(plist, 'PayloadOrganization');
  const description = plistFields.string(plist, 'PayloadDescription');
  const profile: InstalledProfile = {
    PayloadIdentifier: identifier,
    PayloadUUID: uuid,
    PayloadVersion: plistFields.integer(plist, 'PayloadVersion') ?? 1,
    PayloadRemovalDisallowed: plistFields.boolean(plist, 'PayloadRemovalDisallowed') ?? false,
    IsManaged: isManaged,
    PayloadContent: installedPayloads,
    ...(displayName !== undefined ? { PayloadDisplayName: displayName } : {}),
    ...(organization !== undefined ? { PayloadOrganization: organization } : {}),
    ...(description !== undefined ? { PayloadDescription: description } : {}),
    ...(opened.signerCertificateDer ? { SignerCertificates: [opened.signerCertificateDer] } : {}),
  };
  return { outcome: 'installed', profile, certificates };
}
