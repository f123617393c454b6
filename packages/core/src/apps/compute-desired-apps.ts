import type { Device, Platform } from '../devices/model.js';
import { compareVersions } from '../devices/version-key.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import type { AssignmentSubject } from '../policy/model.js';
import { appItemOf, appRemovalOf } from './app-item-hash.js';
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

/** The platforms whose devices run the Ward agent, which installs apps (Apple MDM's InstallApplication is not sent yet). */
const agentPlatforms: readonly Platform[] = ['linux', 'macos', 'windows'];

/** The agent's URL of a line-of-business package; `/agent/v1/app-packages/<versionId>` serves it to devices that should have it. */
export function appPackageUrl(versionId: string): string {
  return `/agent/v1/app-packages/${versionId}`;
}

/**
 * Pure: the desired apps of one device, sorted by app id. Each app assigned as required or
 * uninstall (includes minus excludes, filters applied; required wins) becomes an install item or
 * a removal with the source this device can use, or is notApplicable with a reason: another
 * platform, a kind the agent cannot install, a package for the other Linux family, an OS older
 * than the package needs, or no uploaded version yet.
 */
export function computeDesiredApps(subject: AssignmentSubject, snapshot: AppSnapshot, release: LinuxRelease | undefined, now: Date, sha256Hex: Sha256Hex): DesiredApp[] {
  if (snapshot.assignments.length === 0) return [];
  const intents = resolveAppIntents(subject, snapshot.assignments, snapshot.filters, now);
  const out: DesiredApp[] = [];
  for (const [id, intent] of [...intents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const app = snapshot.apps.get(id);
    if (app === undefined) continue;
    const version = app.currentVersionId === null ? undefined : snapshot.versions.get(app.currentVersionId);
    const source = deviceSource(app, version, subject.device, release);
    if (!source.ok) {
      out.push({ appId: app.id, intent, action: 'notApplicable', item: null, hash: null, reason: source.reason });
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

type SourceOutcome = { readonly ok: true; readonly source: AppSource; readonly version: string } | { readonly ok: false; readonly reason: string };

const notApplicable = (reason: string): SourceOutcome => ({ ok: false, reason });

/** Where this device gets the app from, or why it cannot. */
function deviceSource(app: App, version: AppVersion | undefined, device: Device, release: LinuxRelease | undefined): SourceOutcome {
  const platform = device.platform;
  if (!app.platforms.includes(platform)) return notApplicable(`The app is for ${app.platforms.join(', ')}; this device runs ${platform}.`);
  if (!agentPlatforms.includes(platform)) return notApplicable(`Apps reach ${platform} devices through the platform's MDM app commands, which Ward does not send yet.`);
  if (device.facts.agentVersion === undefined) return notApplicable('The Ward agent installs apps, and this device does not run it (or has not checked in with it yet).');
  const family = platform === 'linux' ? linuxPackageFamily(release) : undefined;
  switch (app.kind) {
    case 'appStore':
      return notApplicable('App Store apps are installed through Apple MDM (InstallApplication), which Ward does not send yet.');
    case 'microsoftStore':
      return notApplicable('The Ward agent does not install Microsoft Store apps yet.');
    case 'web':
      return notApplicable('Web links are installed as web clips through MDM; the agent has nothing to install.');
    case 'flathub':
      return { ok: true, source: { kind: 'flatpak', ref: app.identifier, remote: app.details.remote }, version: '' };
    case 'snap':
      return { ok: true, source: { kind: 'snap', name: app.identifier, channel: app.details.channel, classic: app.details.classic }, version: '' };
    case 'repository': {
      const managers = app.details.packageManagers;
      const wanted = family === 'deb' ? 'apt' : family === 'rpm' ? 'dnf' : managers.length === 1 ? managers[0] : undefined;
      if (wanted === undefined) return notApplicable('Ward cannot tell whether this device uses apt or dnf: it has not reported its distribution (os-release).');
      if (!managers.includes(wanted)) return notApplicable(`The package is installed with ${managers.join(', ')}; this device's distribution uses ${wanted}.`);
      return { ok: true, source: { kind: wanted, package: app.identifier }, version: '' };
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
        source: { kind: 'package', format: version.format, url: appPackageUrl(version.id), sha256: version.sha256, size: version.sizeBytes, identifier: version.identifier, version: version.version },
        version: version.version,
      };
    }
  }
}
