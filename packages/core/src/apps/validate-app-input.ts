import { fromBase64 } from '../apple/byte-text.js';
import { platforms as allPlatforms, type Platform } from '../devices/model.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { bool, distinct, invalid, list, objectAt, oneOf, optionalText, readFields, text, type TextRule } from '../policy/field-reader.js';
import { appIconMaxBytes, appKindPlatforms, appKinds, linuxPackageManagers, type AppDetails, type AppKind } from './model.js';

/**
 * What a caller sends to create an app (API bodies). `details` depends on `kind` (see
 * `AppDetails`); `icon` is a base64 PNG of at most 256 KiB.
 */
export interface AppInput {
  readonly name: string;
  readonly description?: string;
  readonly publisher?: string;
  readonly kind: string;
  readonly identifier: string;
  /** Defaults to every platform the kind can reach. */
  readonly platforms?: readonly string[];
  readonly details?: unknown;
  readonly icon?: string | null;
}

/** What a caller sends to change an app; absent fields keep their value. Kind and identifier never change. */
export interface AppPatch {
  readonly name?: string;
  readonly description?: string;
  readonly publisher?: string;
  readonly platforms?: readonly string[];
  readonly details?: unknown;
  /** A base64 PNG; null removes the icon. */
  readonly icon?: string | null;
  /** The version the caller read; APP_VERSION_CONFLICT when the app changed since. */
  readonly expectedVersion?: number;
}

/** The validated common fields of an app. */
export interface ValidAppFields {
  readonly name: string;
  readonly description: string;
  readonly publisher: string;
  readonly platforms: readonly Platform[];
}

/** A validated new app (icon still base64: see `decodeAppIcon`). */
export type ValidAppInput = ValidAppFields & AppDetails & { readonly identifier: string; readonly icon: string | null };

const nameRule: TextRule = { max: 200 };
const descriptionRule: TextRule = { min: 0, max: 4000 };
const publisherRule: TextRule = { min: 0, max: 200 };

/**
 * What each kind's identifier looks like. They are deliberately strict: the identifier ends up in
 * the agent's package-tool command lines and in the SDK's policy lookups.
 */
const identifierRules: Readonly<Record<AppKind, TextRule>> = {
  // CFBundleIdentifier: alphanumerics, hyphens and dots.
  appStore: { max: 255, pattern: /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, patternHint: 'a bundle id such as com.example.app' },
  // Microsoft Store product ids: 9WZDNCRFJ3TJ, XP9KHM4BK9FZ7Q.
  microsoftStore: { max: 20, pattern: /^[A-Za-z0-9]{12,20}$/, patternHint: 'a Microsoft Store product id such as 9WZDNCRFJ3TJ' },
  // A flatpak ref (`app/org.mozilla.firefox/x86_64/stable`) or application id (`org.mozilla.firefox`).
  flathub: {
    max: 255,
    pattern: /^(?:(?:app|runtime)\/)?[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+(?:\/[A-Za-z0-9_]*\/[A-Za-z0-9_.-]*)?$/,
    patternHint: 'a flatpak ref such as app/org.mozilla.firefox/x86_64/stable or an application id such as org.mozilla.firefox',
  },
  // snapd: lower-case letters, digits and hyphens, up to 40 characters.
  snap: { max: 40, pattern: /^(?=.*[a-z])[a-z0-9](?:-?[a-z0-9])*$/, patternHint: 'a snap name such as code' },
  // Debian policy 5.6.1 (lower case) widened by RPM's upper case and underscores.
  repository: { max: 200, pattern: /^[A-Za-z0-9][A-Za-z0-9+._-]*$/, patternHint: 'a package name such as htop' },
  web: { max: 255, pattern: /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, patternHint: 'a reverse-DNS id such as com.example.intranet' },
  // dpkg/rpm names, bundle ids, MSI product codes ({GUID}), MSIX identity names.
  lineOfBusiness: { max: 255, pattern: /^[A-Za-z0-9{][A-Za-z0-9+._{}-]*$/, patternHint: 'the package identifier such as com.example.tool' },
};

/** Validates a new app from untrusted input. The first problem comes back as APP_INVALID with its field. */
export function validateAppInput(input: unknown): Result<ValidAppInput, ErrorCode> {
  return readFields(() => {
    const record = objectAt(input, '', ['name', 'description', 'publisher', 'kind', 'identifier', 'platforms', 'details', 'icon']);
    const kind = oneOf(record, 'kind', '', appKinds);
    const identifier = text(record, 'identifier', '', identifierRules[kind]);
    const fields = readCommonFields(record, kind, undefined);
    const details = readDetails(kind, record.details);
    const icon = readIcon(record);
    return { ...fields, ...details, identifier, icon: icon ?? null };
  }, 'APP_INVALID');
}

/** Validates a change to an app of `kind`, against its current fields. */
export function validateAppPatch(patch: unknown, current: ValidAppFields & AppDetails): Result<ValidAppFields & AppDetails & { readonly icon: string | null | undefined; readonly expectedVersion: number | undefined }, ErrorCode> {
  return readFields(() => {
    const record = objectAt(patch, '', ['name', 'description', 'publisher', 'platforms', 'details', 'icon', 'expectedVersion']);
    const fields = readCommonFields(record, current.kind, current);
    const details = record.details === undefined ? ({ kind: current.kind, details: current.details } as AppDetails) : readDetails(current.kind, record.details);
    const icon = readIcon(record);
    let expectedVersion: number | undefined;
    if (record.expectedVersion !== undefined) {
      const v = record.expectedVersion;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 2 ** 31) invalid('expectedVersion', 'must be a positive whole number');
      expectedVersion = v;
    }
    return { ...fields, ...details, icon, expectedVersion };
  }, 'APP_INVALID');
}

function readCommonFields(record: Readonly<Record<string, unknown>>, kind: AppKind, current: ValidAppFields | undefined): ValidAppFields {
  const name = record.name === undefined && current !== undefined ? current.name : text(record, 'name', '', nameRule);
  const description = optionalText(record, 'description', '', descriptionRule) ?? current?.description ?? '';
  const publisher = optionalText(record, 'publisher', '', publisherRule) ?? current?.publisher ?? '';
  const reachable = appKindPlatforms[kind];
  let platforms: readonly Platform[];
  if (record.platforms === undefined) platforms = current?.platforms ?? reachable;
  else {
    const requested = list(record, 'platforms', '', { min: 1, max: allPlatforms.length }, (v, p) => {
      if (typeof v !== 'string' || !(allPlatforms as readonly string[]).includes(v)) invalid(p, `must be one of ${allPlatforms.join(', ')}`);
      return v as Platform;
    });
    distinct(requested, 'platforms');
    for (const p of requested) if (!reachable.includes(p)) invalid('platforms', `${p} cannot take a ${kind} app (it can go to ${reachable.join(', ')})`);
    platforms = allPlatforms.filter((p) => requested.includes(p));
  }
  return { name, description, publisher, platforms };
}

function readDetails(kind: AppKind, value: unknown): AppDetails {
  const record = value === undefined ? {} : value;
  switch (kind) {
    case 'appStore': {
      const d = objectAt(record, 'details', ['appStoreId']);
      return { kind, details: { appStoreId: text(d, 'appStoreId', 'details', { max: 20, pattern: /^[0-9]{1,20}$/, patternHint: 'the numeric App Store id (the digits after id in the store link)' }) } };
    }
    case 'microsoftStore':
    case 'lineOfBusiness':
      objectAt(record, 'details', []);
      return { kind, details: {} };
    case 'flathub': {
      const d = objectAt(record, 'details', ['remote']);
      const remote = d.remote === undefined ? 'flathub' : text(d, 'remote', 'details', { max: 100, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, patternHint: 'a remote name such as flathub' });
      return { kind, details: { remote } };
    }
    case 'snap': {
      const d = objectAt(record, 'details', ['channel', 'classic']);
      const channel =
        d.channel === undefined ? 'stable' : text(d, 'channel', 'details', { max: 100, pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/, patternHint: 'a channel such as stable, latest/edge or 3.x/beta' });
      return { kind, details: { channel, classic: bool(d, 'classic', 'details', false) } };
    }
    case 'repository': {
      const d = objectAt(record, 'details', ['packageManagers']);
      const managers =
        d.packageManagers === undefined ? [...linuxPackageManagers] : list(d, 'packageManagers', 'details', { min: 1, max: linuxPackageManagers.length }, (v, p) => oneOf({ v }, 'v', p, linuxPackageManagers));
      distinct(managers, 'details.packageManagers');
      return { kind, details: { packageManagers: linuxPackageManagers.filter((m) => managers.includes(m)) } };
    }
    case 'web': {
      const d = objectAt(record, 'details', ['url']);
      const url = text(d, 'url', 'details', { max: 2048, pattern: isWebUrl, patternHint: 'an http or https URL' });
      return { kind, details: { url } };
    }
  }
}

function isWebUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
}

/** The icon field: undefined when absent, null to remove, else base64 text (decoded by `decodeAppIcon`). */
function readIcon(record: Readonly<Record<string, unknown>>): string | null | undefined {
  const v = record.icon;
  if (v === undefined || v === null) return v;
  if (typeof v !== 'string') invalid('icon', 'must be a base64 PNG or null');
  return v;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * Checks icon bytes: a PNG (signature, then an IHDR chunk first, as the PNG specification
 * requires) of at most 256 KiB. The console shows it as an `<img>`; anything else (an SVG with
 * script, an HTML page) is refused here, whatever the upload claimed to be.
 */
export function checkAppIcon(png: Uint8Array): Result<Uint8Array, ErrorCode> {
  if (png.length > appIconMaxBytes) return fail('APP_ICON_INVALID', `The icon is ${png.length} bytes; at most ${appIconMaxBytes} (256 KiB) are allowed.`, { field: 'icon', maxBytes: appIconMaxBytes });
  const isPng = png.length >= 33 && pngSignature.every((b, i) => png[i] === b) && String.fromCharCode(png[12] ?? 0, png[13] ?? 0, png[14] ?? 0, png[15] ?? 0) === 'IHDR';
  if (!isPng) return fail('APP_ICON_INVALID', 'The icon must be a PNG image.', { field: 'icon' });
  return ok(png);
}

/** Decodes and checks a base64 icon; the length is checked before decoding so a huge string costs nothing. */
export function decodeAppIcon(base64: string): Result<Uint8Array, ErrorCode> {
  if (base64.length > Math.ceil(appIconMaxBytes / 3) * 4 + 256) return fail('APP_ICON_INVALID', `The icon is larger than ${appIconMaxBytes} bytes (256 KiB).`, { field: 'icon', maxBytes: appIconMaxBytes });
  const bytes = fromBase64(base64);
  if (bytes === undefined) return fail('APP_ICON_INVALID', 'The icon must be base64.', { field: 'icon' });
  return checkAppIcon(bytes);
}
