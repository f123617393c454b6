import { isDict, type PlistDict, type PlistValue } from '@ward/apple';
import { malformed, missing } from '../app-package-error.js';
import type { AppPackageIcon, AppPackageInfo } from '../app-package-info.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { buildAppPackageInfo } from '../build-app-package-info.js';
import { optionalIcon } from '../icon/optional-icon.js';
import { pngIcon } from '../icon/png-icon.js';
import { parsePlistDict, plistString } from '../plist/parse-any-plist.js';
import type { RandomAccessSource } from '../random-access-source.js';
import { readZipEntry, type ZipArchive, type ZipEntry } from '../zip/zip-archive.js';

const infoPlistPattern = /^Payload\/([^/]+\.app)\/Info\.plist$/;

/** The Info.plist entries of the app bundles directly under Payload/. */
export function ipaInfoPlists(zip: ZipArchive): ZipEntry[] {
  return [...zip.entries.values()].filter((e) => infoPlistPattern.test(e.name));
}

/**
 * Reads an iOS app archive's Payload/<name>.app/Info.plist (binary or XML): CFBundleIdentifier,
 * CFBundleShortVersionString, CFBundleVersion, CFBundleDisplayName or CFBundleName,
 * MinimumOSVersion, and the largest icon file it lists (CgBI icons are converted).
 */
export async function readIpa(source: RandomAccessSource, zip: ZipArchive, limits: ResolvedLimits): Promise<AppPackageInfo> {
  const plists = ipaInfoPlists(zip);
  if (plists.length === 0) throw missing('ipa: no Payload/*.app/Info.plist');
  if (plists.length > 1) throw malformed('ipa: more than one app bundle under Payload/');
  const entry = plists[0] as ZipEntry;
  const appDirectory = entry.name.slice(0, -'Info.plist'.length);
  const info = parsePlistDict(await readZipEntry(source, entry, limits.maxMetadataBytes), limits, 'ipa Info.plist');
  const shortVersion = plistString(info, 'CFBundleShortVersionString');
  const bundleVersion = plistString(info, 'CFBundleVersion');
  return buildAppPackageInfo('ipa', {
    identifier: plistString(info, 'CFBundleIdentifier'),
    name: plistString(info, 'CFBundleDisplayName') ?? plistString(info, 'CFBundleName'),
    version: shortVersion ?? bundleVersion,
    buildVersion: bundleVersion,
    minimumOsVersion: plistString(info, 'MinimumOSVersion'),
    icon: await optionalIcon(() => readIcon(source, zip, appDirectory, info, limits.maxIconBytes)),
  });
}

/** The names CFBundleIcons (and its ~ipad variant) or the older CFBundleIconFiles list. */
function iconNames(info: PlistDict): string[] {
  const names: string[] = [];
  const strings = (value: PlistValue | undefined): void => {
    if (Array.isArray(value)) for (const item of value as readonly PlistValue[]) if (typeof item === 'string') names.push(item);
  };
  for (const key of ['CFBundleIcons', 'CFBundleIcons~ipad']) {
    const icons = info[key];
    const primary = isDict(icons) ? icons.CFBundlePrimaryIcon : undefined;
    if (isDict(primary)) strings(primary.CFBundleIconFiles);
  }
  strings(info.CFBundleIconFiles);
  const single = plistString(info, 'CFBundleIconFile');
  if (single !== null) names.push(single);
  return names.slice(0, 64);
}

async function readIcon(source: RandomAccessSource, zip: ZipArchive, appDirectory: string, info: PlistDict, max: number): Promise<AppPackageIcon | null> {
  const candidates = new Map<string, ZipEntry>();
  for (const name of iconNames(info)) {
    const base = name.replace(/\.png$/i, '');
    // Xcode lists "AppIcon60x60" and ships AppIcon60x60@2x.png, AppIcon60x60@3x~ipad.png and so on.
    for (const entry of zip.entries.values()) {
      if (!entry.name.startsWith(appDirectory)) continue;
      const file = entry.name.slice(appDirectory.length);
      if (file.startsWith(base) && /^(@[23]x)?(~ipad)?\.png$/i.test(file.slice(base.length))) candidates.set(entry.name, entry);
    }
  }
  const sorted = [...candidates.values()].sort((a, b) => b.uncompressedSize - a.uncompressedSize);
  for (const entry of sorted) {
    if (entry.uncompressedSize > max) continue;
    const icon = pngIcon(await readZipEntry(source, entry, max));
    if (icon !== null) return icon;
  }
  return null;
}
