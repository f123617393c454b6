import type { Platform } from '../devices/model.js';
import type { SettingValue } from './model.js';

/** The value a setting takes and what values are allowed. */
export type SettingValueType =
  | { readonly type: 'boolean' }
  | { readonly type: 'integer'; readonly min: number; readonly max: number; readonly unit: 'seconds' | 'days' | 'characters' | 'count' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  /** Free text; may use profile variables such as `{{device.serial}}`. */
  | { readonly type: 'string'; readonly maxLength: number };

/**
 * Where a setting lands on each platform. Entries name the platform's own payload: an Apple
 * configuration-profile payload type and key, a Windows CSP node (OMA-URI), the Linux mechanism
 * the agent drives, an Android Management API policy field. `note` says where the platform's
 * meaning or unit differs from the catalog's (the adapter converts).
 */
export interface SettingMappings {
  readonly apple?: { readonly payloadType: string; readonly key: string; readonly platforms: readonly ('macos' | 'ios' | 'ipados')[]; readonly note?: string };
  readonly windows?: { readonly cspPath: string; readonly note?: string };
  readonly linux?: { readonly mechanism: string; readonly note?: string };
  readonly android?: { readonly policyField: string; readonly note?: string };
}

/** One entry of the settings catalog. */
export interface SettingDefinition {
  /** Stable dotted id used in profiles, reports and on the wire: `passcode.minimumLength`. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly category: 'passcode' | 'encryption' | 'firewall' | 'screenLock' | 'osUpdate' | 'restrictions' | 'softwareUpdate' | 'lockScreen';
  /** Platforms that can take the setting: those with a mapping. */
  readonly platforms: readonly Platform[];
  readonly value: SettingValueType;
  /** What the platform does when no profile sets the setting. */
  readonly default: SettingValue;
  readonly mappings: SettingMappings;
}

const appleMobile = ['macos', 'ios', 'ipados'] as const;
const passwordPolicy = 'com.apple.mobiledevice.passwordpolicy';
const restrictionsPayload = 'com.apple.applicationaccess';
const deviceLockCsp = './Device/Vendor/MSFT/Policy/Config/DeviceLock';

function define(entry: Omit<SettingDefinition, 'platforms'>): SettingDefinition {
  const platforms: Platform[] = [];
  for (const p of entry.mappings.apple?.platforms ?? []) platforms.push(p);
  if (entry.mappings.windows !== undefined) platforms.push('windows');
  if (entry.mappings.linux !== undefined) platforms.push('linux');
  if (entry.mappings.android !== undefined) platforms.push('android');
  if (entry.value.type === 'enum' && typeof entry.default === 'string' && !entry.value.values.includes(entry.default)) throw new Error(`catalog: default of ${entry.id} is not one of its values`);
  return Object.freeze({ ...entry, platforms: Object.freeze(platforms) });
}

/**
 * The settings catalog: every setting a settings profile may carry. The console, the API, the CLI
 * and policy-as-code files all validate against this one list (`validate-setting-value.ts`).
 */
export const settingDefinitions: readonly SettingDefinition[] = Object.freeze([
  define({
    id: 'passcode.required',
    name: 'Require a passcode',
    description: 'The device must have a passcode (or password) to unlock.',
    category: 'passcode',
    value: { type: 'boolean' },
    default: false,
    mappings: {
      apple: { payloadType: passwordPolicy, key: 'forcePIN', platforms: appleMobile },
      windows: { cspPath: `${deviceLockCsp}/DevicePasswordEnabled`, note: 'The CSP is inverted: 0 means a password is required.' },
      linux: { mechanism: 'pam-account-password', note: 'Checks that the active user has a password; cannot force one on a passwordless account.' },
      android: { policyField: 'passwordPolicies[].passwordQuality', note: 'true maps to SOMETHING; false to PASSWORD_QUALITY_UNSPECIFIED.' },
    },
  }),
  define({
    id: 'passcode.minimumLength',
    name: 'Minimum passcode length',
    description: 'The fewest characters a passcode may have.',
    category: 'passcode',
    value: { type: 'integer', min: 4, max: 64, unit: 'characters' },
    default: 4,
    mappings: {
      apple: { payloadType: passwordPolicy, key: 'minLength', platforms: appleMobile, note: 'Apple accepts up to 16.' },
      windows: { cspPath: `${deviceLockCsp}/MinDevicePasswordLength`, note: 'Windows accepts 4 to 16; longer values are reported as failed by the device.' },
      linux: { mechanism: 'pwquality.minlen', note: '/etc/security/pwquality.conf minlen' },
      android: { policyField: 'passwordPolicies[].passwordMinimumLength' },
    },
  }),
  define({
    id: 'passcode.complexity',
    name: 'Passcode complexity',
    description: 'What a passcode must contain: nothing in particular, digits, letters and digits, or letters, digits and symbols.',
    category: 'passcode',
    value: { type: 'enum', values: ['none', 'numeric', 'alphanumeric', 'complex'] },
    default: 'none',
    mappings: {
      apple: { payloadType: passwordPolicy, key: 'requireAlphanumeric', platforms: appleMobile, note: 'numeric sets allowSimple=false; complex also sets minComplexChars=1.' },
      windows: { cspPath: `${deviceLockCsp}/AlphanumericDevicePasswordRequired`, note: 'complex also sets MinDevicePasswordComplexCharacters=3.' },
      linux: { mechanism: 'pwquality.minclass', note: 'numeric=1, alphanumeric=2, complex=3 character classes.' },
      android: { policyField: 'passwordPolicies[].passwordQuality', note: 'NUMERIC, ALPHANUMERIC, COMPLEX.' },
    },
  }),
  define({
    id: 'passcode.maxInactivitySeconds',
    name: 'Maximum inactivity before the passcode is asked',
    description: 'Seconds of inactivity after which the device locks and asks for the passcode.',
    category: 'passcode',
    value: { type: 'integer', min: 60, max: 86_400, unit: 'seconds' },
    default: 900,
    mappings: {
      apple: { payloadType: passwordPolicy, key: 'maxInactivity', platforms: appleMobile, note: 'Apple counts minutes: the value is rounded up.' },
      windows: { cspPath: `${deviceLockCsp}/MaxInactivityTimeDeviceLock`, note: 'Windows counts minutes: the value is rounded up.' },
      linux: { mechanism: 'gsettings org.gnome.desktop.session idle-delay' },
      android: { policyField: 'maximumTimeToLock', note: 'Android counts milliseconds.' },
    },
  }),
  define({
    id: 'passcode.expiryDays',
    name: 'Passcode expiry',
    description: 'Days after which the passcode must be changed; 0 means never.',
    category: 'passcode',
    value: { type: 'integer', min: 0, max: 730, unit: 'days' },
    default: 0,
    mappings: {
      apple: { payloadType: passwordPolicy, key: 'maxPINAgeInDays', platforms: appleMobile },
      windows: { cspPath: `${deviceLockCsp}/DevicePasswordExpiration` },
      linux: { mechanism: 'login.defs PASS_MAX_DAYS', note: 'Applied to the active user with chage -M.' },
      android: { policyField: 'passwordPolicies[].passwordExpirationTimeout', note: 'A duration in seconds.' },
    },
  }),
  define({
    id: 'passcode.historyCount',
    name: 'Passcode history',
    description: 'How many previous passcodes may not be reused; 0 allows any.',
    category: 'passcode',
    value: { type: 'integer', min: 0, max: 50, unit: 'count' },
    default: 0,
    mappings: {
      apple: { payloadType: passwordPolicy, key: 'pinHistory', platforms: appleMobile },
      windows: { cspPath: `${deviceLockCsp}/DevicePasswordHistory` },
      linux: { mechanism: 'pam_pwhistory remember' },
      android: { policyField: 'passwordPolicies[].passwordHistoryLength' },
    },
  }),
  define({
    id: 'encryption.required',
    name: 'Require disk encryption',
    description: 'The system disk must be encrypted (FileVault, BitLocker, LUKS).',
    category: 'encryption',
    value: { type: 'boolean' },
    default: false,
    mappings: {
      apple: { payloadType: 'com.apple.MCX.FileVault2', key: 'Enable', platforms: ['macos'], note: 'Value "On" defers enablement to the next sign-in.' },
      windows: { cspPath: './Device/Vendor/MSFT/BitLocker/RequireDeviceEncryption' },
      linux: { mechanism: 'luks-root-check', note: 'Reported, not enforced: encrypting a running root file system is not done in place.' },
      android: { policyField: 'encryptionPolicy', note: 'ENABLED_WITHOUT_PASSWORD.' },
    },
  }),
  define({
    id: 'firewall.enabled',
    name: 'Firewall on',
    description: 'The host firewall must be on.',
    category: 'firewall',
    value: { type: 'boolean' },
    default: false,
    mappings: {
      apple: { payloadType: 'com.apple.security.firewall', key: 'EnableFirewall', platforms: ['macos'] },
      windows: { cspPath: './Vendor/MSFT/Firewall/MdmStore/DomainProfile/EnableFirewall', note: 'Also set for PrivateProfile and PublicProfile.' },
      linux: { mechanism: 'ufw|firewalld', note: 'ufw enable, or firewalld started and enabled, whichever is installed.' },
    },
  }),
  define({
    id: 'screenLock.timeoutSeconds',
    name: 'Screen lock timeout',
    description: 'Seconds of inactivity before the screen locks; 0 turns the idle lock off.',
    category: 'screenLock',
    value: { type: 'integer', min: 0, max: 86_400, unit: 'seconds' },
    default: 300,
    mappings: {
      apple: { payloadType: 'com.apple.screensaver', key: 'idleTime', platforms: ['macos'] },
      windows: { cspPath: './Device/Vendor/MSFT/Policy/Config/LocalPoliciesSecurityOptions/InteractiveLogon_MachineInactivityLimit' },
      linux: { mechanism: 'gsettings org.gnome.desktop.session idle-delay', note: 'For the active user, with org.gnome.desktop.screensaver lock-enabled true.' },
      android: { policyField: 'maximumTimeToLock', note: 'Android counts milliseconds.' },
    },
  }),
  define({
    id: 'osUpdate.deadlineDays',
    name: 'OS update deadline',
    description: 'Days after an update is offered by which it must be installed.',
    category: 'osUpdate',
    value: { type: 'integer', min: 0, max: 90, unit: 'days' },
    default: 7,
    mappings: {
      apple: { payloadType: 'com.apple.configuration.softwareupdate.enforcement.specific', key: 'TargetLocalDateTime', platforms: appleMobile, note: 'A declaration: the adapter turns the days into a target date.' },
      windows: { cspPath: './Device/Vendor/MSFT/Policy/Config/Update/ConfigureDeadlineForQualityUpdates', note: 'Windows accepts 0 to 30.' },
      linux: { mechanism: 'unattended-upgrades', note: 'Reported only: the agent checks that pending security updates are older than the deadline.' },
      android: { policyField: 'systemUpdate', note: 'WINDOWED with a freeze of at most the deadline.' },
    },
  }),
  define({
    id: 'restrictions.cameraDisabled',
    name: 'Disable the camera',
    description: 'Turns every camera off.',
    category: 'restrictions',
    value: { type: 'boolean' },
    default: false,
    mappings: {
      apple: { payloadType: restrictionsPayload, key: 'allowCamera', platforms: appleMobile, note: 'Inverted: allowCamera=false.' },
      windows: { cspPath: './Device/Vendor/MSFT/Policy/Config/Camera/AllowCamera', note: 'Inverted: 0 disables.' },
      linux: { mechanism: 'modprobe blacklist uvcvideo' },
      android: { policyField: 'cameraAccess', note: 'CAMERA_ACCESS_DISABLED.' },
    },
  }),
  define({
    id: 'restrictions.screenshotDisabled',
    name: 'Disable screenshots',
    description: 'Screenshots and screen recording are blocked.',
    category: 'restrictions',
    value: { type: 'boolean' },
    default: false,
    mappings: {
      apple: { payloadType: restrictionsPayload, key: 'allowScreenShot', platforms: appleMobile, note: 'Inverted: allowScreenShot=false.' },
      android: { policyField: 'screenCaptureDisabled' },
    },
  }),
  define({
    id: 'restrictions.usbStorageDisabled',
    name: 'Disable USB storage',
    description: 'External USB mass storage cannot be used.',
    category: 'restrictions',
    value: { type: 'boolean' },
    default: false,
    mappings: {
      apple: { payloadType: 'com.apple.systemuiserver', key: 'mount-controls', platforms: ['macos'], note: 'harddisk-external: deny.' },
      windows: { cspPath: './Device/Vendor/MSFT/Policy/Config/Storage/RemovableDiskDenyWriteAccess', note: 'Windows blocks writing; reading stays possible.' },
      linux: { mechanism: 'modprobe blacklist usb-storage' },
      android: { policyField: 'usbDataAccess', note: 'DISALLOW_USB_FILE_TRANSFER.' },
    },
  }),
  define({
    id: 'softwareUpdate.automaticDownload',
    name: 'Download updates automatically',
    description: 'Updates are downloaded in the background as soon as they are offered.',
    category: 'softwareUpdate',
    value: { type: 'boolean' },
    default: true,
    mappings: {
      apple: { payloadType: 'com.apple.SoftwareUpdate', key: 'AutomaticDownload', platforms: ['macos'] },
      windows: { cspPath: './Device/Vendor/MSFT/Policy/Config/Update/AllowAutoUpdate', note: '2 = download automatically, notify to install.' },
      linux: { mechanism: 'apt APT::Periodic::Download-Upgradeable-Packages' },
    },
  }),
  define({
    id: 'softwareUpdate.automaticInstall',
    name: 'Install updates automatically',
    description: 'Updates are installed without asking the user.',
    category: 'softwareUpdate',
    value: { type: 'boolean' },
    default: false,
    mappings: {
      apple: { payloadType: 'com.apple.SoftwareUpdate', key: 'AutomaticallyInstallMacOSUpdates', platforms: ['macos'] },
      windows: { cspPath: './Device/Vendor/MSFT/Policy/Config/Update/AllowAutoUpdate', note: '3 = download and install at the scheduled time.' },
      linux: { mechanism: 'apt APT::Periodic::Unattended-Upgrade' },
    },
  }),
  define({
    id: 'softwareUpdate.deferralDays',
    name: 'Defer updates',
    description: 'Days an update is held back after its release before it is offered.',
    category: 'softwareUpdate',
    value: { type: 'integer', min: 0, max: 90, unit: 'days' },
    default: 0,
    mappings: {
      apple: { payloadType: restrictionsPayload, key: 'enforcedSoftwareUpdateDelay', platforms: appleMobile, note: 'Also sets forceDelayedSoftwareUpdates=true when above 0.' },
      windows: { cspPath: './Device/Vendor/MSFT/Policy/Config/Update/DeferQualityUpdatesPeriodInDays', note: 'Windows accepts 0 to 30 for quality updates.' },
    },
  }),
  define({
    id: 'lockScreen.message',
    name: 'Lock screen message',
    description: 'Text on the lock or sign-in screen, such as whom to call if the device is found. May use variables.',
    category: 'lockScreen',
    value: { type: 'string', maxLength: 200 },
    default: '',
    mappings: {
      apple: { payloadType: 'com.apple.shareddeviceconfiguration', key: 'LockScreenFootnote', platforms: ['ios', 'ipados'] },
      windows: { cspPath: './Device/Vendor/MSFT/Policy/Config/LocalPoliciesSecurityOptions/InteractiveLogon_MessageTextForUsersAttemptingToLogOn' },
      linux: { mechanism: 'gsettings org.gnome.login-screen banner-message-text' },
      android: { policyField: 'deviceOwnerLockScreenInfo' },
    },
  }),
]);

const byId: ReadonlyMap<string, SettingDefinition> = new Map(settingDefinitions.map((d) => [d.id, d]));

/** The catalog entry for a setting id, or undefined for an unknown setting. */
export function findSettingDefinition(id: string): SettingDefinition | undefined {
  return byId.get(id);
}
