import type { AppInstallStatus, AppIntent, AppKind, AppRegistrationState, AppWipeOutcome, ClipboardLevel, JailbreakAction, LinuxPackageManager, PackageFormat, PinRetryAction, PinType, SdkFlag } from './app-types';

interface Worded {
  readonly label: string;
  readonly color: string;
}

// Every table below is a Record over a union from the generated API types: a value the API adds
// fails the build until it has words here.

/** App kinds in the order the "New app" menu offers them, with what the identifier means for each. */
export const appKindInfo: Readonly<Record<AppKind, { readonly label: string; readonly description: string; readonly identifier: string; readonly identifierHint: string }>> = {
  lineOfBusiness: { label: 'Line-of-business package', description: 'A package you upload (.deb, .rpm, .AppImage, .pkg, .msi, .msix, .ipa, .apk); Ward reads its name, version and icon.', identifier: 'Package identifier', identifierHint: 'The identifier inside the packages you will upload: the dpkg or rpm name, bundle id, MSI ProductCode or MSIX name.' },
  repository: { label: 'Linux repository package', description: 'A package of the distribution\'s repositories, installed with apt or dnf.', identifier: 'Package name', identifierHint: 'The name apt and dnf know it by, e.g. htop.' },
  flathub: { label: 'Flathub', description: 'A Flatpak from Flathub or another remote.', identifier: 'Flatpak ref', identifierHint: 'e.g. org.mozilla.firefox or app/org.mozilla.firefox/x86_64/stable.' },
  snap: { label: 'Snap', description: 'A snap from the Snap Store.', identifier: 'Snap name', identifierHint: 'e.g. code.' },
  appStore: { label: 'App Store', description: 'An iOS, iPadOS or macOS app from Apple\'s App Store.', identifier: 'Bundle id', identifierHint: 'e.g. com.microsoft.Office.Outlook.' },
  microsoftStore: { label: 'Microsoft Store', description: 'A Windows app from the Microsoft Store.', identifier: 'Store product id', identifierHint: 'e.g. 9WZDNCRFJ3TJ.' },
  web: { label: 'Web link', description: 'A link to a web app, offered in the portal.', identifier: 'Identifier', identifierHint: 'A reverse-DNS name you choose, e.g. com.example.intranet; SDK apps use it as their app id.' },
};

export const appKinds = Object.keys(appKindInfo) as AppKind[];

export const packageManagerLabels: Readonly<Record<LinuxPackageManager, string>> = { apt: 'apt (Debian, Ubuntu)', dnf: 'dnf (Fedora, RHEL)' };

export const packageFormatLabels: Readonly<Record<PackageFormat, string>> = {
  deb: 'Debian package (.deb)',
  rpm: 'RPM package (.rpm)',
  appimage: 'AppImage',
  pkg: 'macOS installer (.pkg)',
  msi: 'Windows Installer (.msi)',
  msix: 'MSIX package',
  ipa: 'iOS app (.ipa)',
  apk: 'Android app (.apk)',
};

/** An app's install status on a device, in words, with its badge color. */
export const installStatusInfo: Readonly<Record<AppInstallStatus, Worded>> = {
  installed: { label: 'Installed', color: 'green' },
  pending: { label: 'Pending', color: 'blue' },
  failed: { label: 'Failed', color: 'red' },
  notApplicable: { label: 'Not applicable', color: 'gray' },
  removing: { label: 'Removing', color: 'orange' },
  removed: { label: 'Removed', color: 'gray' },
};

export const installStatuses = Object.keys(installStatusInfo) as AppInstallStatus[];

/** What an app assignment does, in words. */
export const intentInfo: Readonly<Record<AppIntent, Worded & { readonly hint: string }>> = {
  required: { label: 'Required', color: 'blue', hint: 'Installed on the devices it reaches, and kept up to date.' },
  available: { label: 'Available', color: 'teal', hint: 'Offered in the portal; people install it themselves.' },
  uninstall: { label: 'Uninstall', color: 'red', hint: 'Removed from the devices it reaches.' },
  availableWithoutEnrollment: { label: 'Available without enrollment', color: 'grape', hint: 'Offered to protected apps (with the Ward SDK) on personal devices that are not enrolled.' },
};

export const appIntents = Object.keys(intentInfo) as AppIntent[];

export const clipboardLabels: Readonly<Record<ClipboardLevel, string>> = {
  allApps: 'Any app',
  managedApps: 'Managed apps only',
  managedAppsWithPasteIn: 'Managed apps only, paste in from any app',
  blocked: 'Blocked',
};

export const pinTypeLabels: Readonly<Record<PinType, string>> = { numeric: 'Numbers only', passcode: 'Passcode (letters and numbers)' };

export const jailbreakLabels: Readonly<Record<JailbreakAction, string>> = { block: 'Block the app', warn: 'Warn the user', wipe: 'Wipe corporate data' };

export const pinRetryLabels: Readonly<Record<PinRetryAction, string>> = { block: 'Block the app', wipe: 'Wipe corporate data' };

export const registrationStateInfo: Readonly<Record<AppRegistrationState, Worded>> = {
  active: { label: 'Active', color: 'green' },
  wipePending: { label: 'Wipe pending', color: 'orange' },
  wiped: { label: 'Wiped', color: 'gray' },
};

export const registrationStates = Object.keys(registrationStateInfo) as AppRegistrationState[];

export const wipeOutcomeInfo: Readonly<Record<AppWipeOutcome, Worded>> = {
  succeeded: { label: 'Wiped', color: 'green' },
  failed: { label: 'Wipe failed', color: 'red' },
  superseded: { label: 'Superseded', color: 'gray' },
};

export const sdkFlagLabels: Readonly<Record<SdkFlag, string>> = {
  jailbroken: 'Jailbroken or rooted device',
  appVersionTooLow: 'App version below the minimum',
  sdkVersionTooLow: 'SDK version below the minimum',
  pinRetriesExceeded: 'PIN retries exceeded',
  offlineTooLong: 'Offline too long',
};

/** Options for a Select from a label table. */
export function optionsOf<K extends string>(labels: Readonly<Record<K, string | { readonly label: string }>>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string | { readonly label: string }][]).map(([value, l]) => ({ value, label: typeof l === 'string' ? l : l.label }));
}
