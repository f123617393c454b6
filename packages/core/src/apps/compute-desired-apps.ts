import type { Device, Platform } from '../devices/model.js';
import { compareVersions } from '../devices/version-key.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import type { AssignmentSubject } from '../policy/model.js';
import { appItemOf, appRemovalOf } from './app-item-hash.js';
import { appleAppItemOf, appleAppRemovalOf, type AppleAppSource } from './apple-app-item.js';
import type { AppSnapshot } from './load-app-snapshot.js';
import { linuxPackageFamily } from './linux-package-family.js';
import { packageFormatPlatforms, type App, type AppDesiredAction, type AppId, type AppSource, type AppStateIntent, type AppVersion, type DesiredAppItem } from './model.js';
import type { LinuxRelease } from './ports.js';
import { resolveAppIntents } from './resolve-app-intents.js';

/** What one device should do with one app assigned to it. */
export interface DesiredApp {
  readonly appId: AppId;
  readonly intent: AppStateIntent;
  /** `install` (required) or `remove` (uninstall) with an item, or `notApplicable` with a reason. */
  readonly action: AppDesiredAction;
  readonly item: DesiredAppItem | null;
  readonly hash: string | null;
  readonly reason: string | null;
}

/** The platforms whose devices run the Ward agent, which installs apps. */
const agentPlatforms: readonly Platform[] = ['linux', 'macos', 'windows'];
/** The platforms Apple MDM installs apps on (InstallApplication). */
const appleMdmPlatforms: readonly Platform[] = ['ios', 'ipados', 'macos'];

/** How apps can reach a device besides the agent, which its facts say it runs. */
export interface AppDeliveryChannels {
  /** The device has an active Apple MDM enrollment: apps can go to it as InstallApplication. */
  readonly appleMdm?: boolean;
}

/** The agent's URL of a line-of-business package; `/agent/v1/app-packages/<versionId>` serves it to devices that should have it. */
export function appPackageUrl(versionId: string): string {
  return `/agent/v1/app-packages/${versionId}`;
}

/**
 * Pure: the desired apps of one device, sorted by app id. Each app assigned as required or
 * uninstall (includes minus excludes, filters applied; required wins) becomes an install item or
 * a removal with the source this device can use, or is notApplicable with a reason: another
 * platform, a kind the agent cannot install, a package for the other Linux family, an OS older
 * than the package needs, or no uploaded version yet. On a device enrolled in Apple MDM
 * (`channels.appleMdm`), App Store apps and .ipa/.pkg versions become Apple items
 * (InstallApplication); a Mac that also runs the agent keeps getting its packages through the
 * agent, and only App Store apps through MDM.
 */
export function computeDesiredApps(subject: AssignmentSubject, snapshot: AppSnapshot, release: LinuxRelease | undefined, now: Date, sha256Hex: Sha256Hex, channels: AppDeliveryChannels = {}): DesiredApp[] {
  if (snapshot.assignments.length === 0) return [];
  const intents = resolveAppIntents(subject, snapshot.assignments, snapshot.filters, now);
  const out: DesiredApp[] = [];
  for (const [id, intent] of [...intents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const app = snapshot.apps.get(id);
    if (app === undefined) continue;
    const version = app.currentVersionId === null ? undefined : snapshot.versions.get(app.currentVersionId);
    const source = deviceSource(app, version, subject.device, release, channels.appleMdm === true);
    if (!source.ok) {
      out.push({ appId: app.id, intent, action: 'notApplicable', item: null, hash: null, reason: source.reason });
      continue;
    }
    if (source.apple) {
      if (intent === 'required') {
        const install = appleAppItemOf(sha256Hex, { id: app.id, name: app.name, version: source.version, source: source.source });
        out.push({ appId: app.id, intent, action: 'install', item: { type: 'appleInstall', install }, hash: install.hash, reason: null });
      } else {
        const remove = appleAppRemovalOf(sha256Hex, { id: app.id, name: app.name, source: source.source });
        out.push({ appId: app.id, intent, action: 'remove', item: { type: 'appleRemove', remove }, hash: remove.hash, reason: null });
      }
      continue;
    }
    if (intent === 'required') {
      const install = appItemOf(sha256Hex, { id: app.id, name: app.name, version: source.version, source: source.source });
      out.push({ appId: app.id, intent, action: 'install', item: { type: 'install', install }, hash: install.hash, reason: null });
    } else {
      const remove = appRemovalOf(sha256Hex, { id: app.id, name: app.name, source: source.source });
      out.push({ appId: app.id, intent, action: 'remove', item: { type: 'remove', remove }, hash: remove.hash, reason: null });
    }
  }
  return out;
}

type SourceOutcome =
  | { readonly ok: true; readonly apple: false; readonly source: AppSource; readonly version: string }
  | { readonly ok: true; readonly apple: true; readonly source: AppleAppSource; readonly version: string }
  | { readonly ok: false; readonly reason: string };

const notApplicable = (reason: string): SourceOutcome => ({ ok: false, reason });

/** Where this device gets the app from, or why it cannot. */
function deviceSource(app: App, version: AppVersion | undefined, device: Device, release: LinuxRelease | undefined, appleMdm: boolean): SourceOutcome {
  const platform = device.platform;
  if (!app.platforms.includes(platform)) return notApplicable(`The app is for ${app.platforms.join(', ')}; this device runs ${platform}.`);
  const agent = agentPlatforms.includes(platform) && device.facts.agentVersion !== undefined;
  // A Mac that runs the agent as well installs its packages with it (any .pkg, not only signed
  // single-app ones); App Store apps can only come through MDM.
  if (appleMdm && appleMdmPlatforms.includes(platform) && !(agent && app.kind !== 'appStore')) return appleSource(app, version, device);
  if (!agentPlatforms.includes(platform)) return notApplicable(`Apps reach ${platform} devices through Apple MDM, and this device is not enrolled in it.`);
  if (app.kind === 'appStore') return notApplicable('App Store apps are installed through Apple MDM (InstallApplication), and this device is not enrolled in it.');
  if (device.facts.agentVersion === undefined) return notApplicable('The Ward agent installs apps, and this device does not run it (or has not checked in with it yet).');
  const family = platform === 'linux' ? linuxPackageFamily(release) : undefined;
  switch (app.kind) {
    case 'microsoftStore':
      return notApplicable('The Ward agent does not install Microsoft Store apps yet.');
    case 'web':
      return notApplicable('Web links are installed as web clips through MDM; the agent has nothing to install.');
    case 'flathub':
      return { ok: true, apple: false, source: { kind: 'flatpak', ref: app.identifier, remote: app.details.remote }, version: '' };
    case 'snap':
      return { ok: true, apple: false, source: { kind: 'snap', name: app.identifier, channel: app.details.channel, classic: app.details.classic }, version: '' };
    case 'repository': {
      const managers = app.details.packageManagers;
      const wanted = family === 'deb' ? 'apt' : family === 'rpm' ? 'dnf' : managers.length === 1 ? managers[0] : undefined;
      if (wanted === undefined) return notApplicable('Ward cannot tell whether this device uses apt or dnf: it has not reported its distribution (os-release).');
      if (!managers.includes(wanted)) return notApplicable(`The package is installed with ${managers.join(', ')}; this device's distribution uses ${wanted}.`);
      return { ok: true, apple: false, source: { kind: wanted, package: app.identifier }, version: '' };
    }
    case 'lineOfBusiness': {
      if (version === undefined) return notApplicable('No version of this app has been uploaded yet.');
      if (!packageFormatPlatforms[version.format].includes(platform)) return notApplicable(`The published ${version.format} package installs on ${packageFormatPlatforms[version.format].join(', ')}; this device runs ${platform}.`);
      if (family !== undefined && ((version.format === 'deb' && family !== 'deb') || (version.format === 'rpm' && family !== 'rpm'))) {
        return notApplicable(`The published package is a .${version.format}; this device's distribution takes .${family} packages.`);
      }
      const osVersion = device.osVersion;
      if (version.minimumOsVersion !== null && osVersion !== null && compareVersions(osVersion, version.minimumOsVersion) < 0) {
        return notApplicable(`Version ${version.version} needs OS ${version.minimumOsVersion} or later; this device runs ${osVersion}.`);
      }
      return {
        ok: true,
        apple: false,
        source: { kind: 'package', format: version.format, url: appPackageUrl(version.id), sha256: version.sha256, size: version.sizeBytes, identifier: version.identifier, version: version.version },
        version: version.version,
      };
    }
  }
}

/**
 * Where a device enrolled in Apple MDM gets the app from: the App Store by its id, or the
 * published .ipa (iOS, iPadOS) or .pkg (macOS) behind a manifest Ward serves. Web links are web
 * clips (configuration profiles), not apps.
 */
function appleSource(app: App, version: AppVersion | undefined, device: Device): SourceOutcome {
  const platform = device.platform;
  switch (app.kind) {
    case 'appStore': {
      // Apple's ids are 64-bit integers; the catalog takes up to 20 digits.
      const digits = app.details.appStoreId.replace(/^0+(?=.)/, '');
      if (digits.length > 19 || (digits.length === 19 && digits > '9223372036854775807')) return notApplicable('The App Store id is larger than any Apple issues (a 64-bit integer).');
      return { ok: true, apple: true, source: { kind: 'appleAppStore', iTunesStoreId: digits, bundleId: app.identifier }, version: '' };
    }
    case 'lineOfBusiness': {
      if (version === undefined) return notApplicable('No version of this app has been uploaded yet.');
      const format = version.format;
      if ((format !== 'ipa' && format !== 'pkg') || !packageFormatPlatforms[format].includes(platform)) {
        return notApplicable(`The published ${format} package installs on ${packageFormatPlatforms[format].join(', ')}; this device runs ${platform}.`);
      }
      const osVersion = device.osVersion;
      if (version.minimumOsVersion !== null && osVersion !== null && compareVersions(osVersion, version.minimumOsVersion) < 0) {
        return notApplicable(`Version ${version.version} needs OS ${version.minimumOsVersion} or later; this device runs ${osVersion}.`);
      }
      return {
        ok: true,
        apple: true,
        source: { kind: 'appleManifest', format, versionId: version.id, sha256: version.sha256, size: version.sizeBytes, bundleId: version.identifier, version: version.version },
        version: version.version,
      };
    }
    case 'web':
      return notApplicable('Web links reach Apple devices as web clips in a configuration profile; there is no app to install.');
    default:
      return notApplicable(`${app.kind} apps do not install on ${platform}.`);
  }
}
