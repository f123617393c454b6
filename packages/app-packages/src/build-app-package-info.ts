import { malformed, missing } from './app-package-error.js';
import { appPackagePlatform, type AppPackageFormat, type AppPackageIcon, type AppPackageInfo } from './app-package-info.js';

/** What a format reader found, before the common checks. */
export interface FoundMetadata {
  readonly identifier: string | null;
  readonly name: string | null;
  readonly version: string | null;
  readonly buildVersion?: string | null;
  readonly minimumOsVersion?: string | null;
  readonly architecture?: string | null;
  readonly publisher?: string | null;
  readonly description?: string | null;
  readonly icon?: AppPackageIcon | null;
  readonly upgradeCode?: string | null;
}

// The same bounds the agent protocol puts on an app source's identifier and version, so that
// whatever is read here can be served to devices as it is.
const maxIdentifier = 255;
const maxVersion = 100;
const maxText = 200;
const maxDescription = 1000;

/**
 * Applies the checks every format shares: identifier and version present, no control characters,
 * lengths within what the catalog and the agent protocol carry. Display texts that are too long
 * are cut rather than refused: they are only shown.
 */
export function buildAppPackageInfo(format: AppPackageFormat, found: FoundMetadata): AppPackageInfo {
  const identifier = clean(found.identifier);
  const version = clean(found.version);
  if (identifier === null) throw missing(`the ${format} package names no identifier`);
  if (version === null) throw missing(`the ${format} package names no version`);
  if (identifier.length > maxIdentifier || hasCharBelow(identifier, 0x20)) throw malformed(`the ${format} package's identifier is invalid`);
  if (version.length > maxVersion || hasCharBelow(version, 0x21)) throw malformed(`the ${format} package's version is invalid`);
  return Object.freeze({
    format,
    platform: appPackagePlatform[format],
    identifier,
    name: shorten(clean(found.name)) ?? identifier,
    version,
    buildVersion: shorten(clean(found.buildVersion ?? null), maxVersion),
    minimumOsVersion: shorten(clean(found.minimumOsVersion ?? null), maxVersion),
    architecture: shorten(clean(found.architecture ?? null), maxVersion),
    publisher: shorten(clean(found.publisher ?? null)),
    description: shorten(clean(found.description ?? null), maxDescription),
    icon: found.icon ?? null,
    upgradeCode: shorten(clean(found.upgradeCode ?? null), maxVersion),
  });
}

/** Whether any character is a control character (below `limit`, or DEL); `limit` 0x21 also catches spaces. */
function hasCharBelow(value: string, limit: number): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < limit || code === 0x7f) return true;
  }
  return false;
}

/** Trims, and drops control characters other than tab and newline (which `shorten` flattens). */
function clean(value: string | null): string | null {
  if (value === null) return null;
  let kept = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if ((code >= 0x20 && code !== 0x7f) || code === 0x09 || code === 0x0a) kept += char;
  }
  const trimmed = kept.trim();
  return trimmed === '' ? null : trimmed;
}

function shorten(value: string | null, max = maxText): string | null {
  if (value === null) return null;
  const flat = value.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
