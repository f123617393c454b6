import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { hasControlCharacters } from '../kernel/control-characters.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppWrite } from './app-access.js';
import { appDesiredStateJob } from './app-desired-state-job.js';
import { appPackageFormats, packageFormatPlatforms, type App, type AppIcon, type AppId, type AppPackageFormat, type AppVersion, type AppVersionId } from './model.js';
import type { AppStore, AppVersionStore } from './ports.js';
import { checkAppIcon } from './validate-app-input.js';

export type AddAppVersionStores = Pick<AppStore, 'getApp' | 'updateApp'> & Pick<AppVersionStore, 'insertAppVersion' | 'supersedeAppVersion'> & AuditTrail & EventPublisher & JobEnqueuer;

/**
 * What the adapter read from an uploaded package after storing the file under its SHA-256.
 * Everything here came out of a file an admin uploaded, so it is checked again: lengths,
 * characters and ranges.
 */
export interface AppPackageMetadata {
  readonly format: AppPackageFormat;
  /** The identifier the package declares (dpkg/rpm name, bundle id, product code, MSIX identity). */
  readonly identifier: string;
  readonly name: string;
  readonly version: string;
  readonly minimumOsVersion: string | null;
  readonly architecture: string | null;
  /** Lower-case hex SHA-256 of the file as stored. */
  readonly sha256: string;
  readonly sizeBytes: number;
  /** The uploaded file's name (no directories). */
  readonly fileName: string;
  /** The package's own icon, as PNG; an icon that is not a PNG of at most 256 KiB is ignored. */
  readonly icon: Uint8Array | null;
}

/** The largest package Ward accepts (the upload adapter enforces its own, lower, configured limit). */
export const appPackageMaxBytes = 16 * 1024 ** 3;

/** The published version and the app it now belongs to. */
export interface AddedAppVersion {
  readonly app: App;
  readonly version: AppVersion;
}

/**
 * Publishes an uploaded package as the new version of a line-of-business app: the package's
 * identifier must be the app's (APP_PACKAGE_IDENTIFIER_MISMATCH), its version new for the app
 * (APP_VERSION_EXISTS), and its format installable on one of the app's platforms
 * (APP_PACKAGE_PLATFORM_MISMATCH). The previous version is superseded, and every device that
 * should have the app is recomputed in the background and woken: devices holding the old version
 * get the new one at their next check-in. The app takes the package's icon when it has none.
 */
export async function addAppVersion(deps: Deps<AddAppVersionStores>, principal: Principal, appId: string, metadata: AppPackageMetadata): Promise<Result<AddedAppVersion, ErrorCode>> {
  const allowed = authorizeAppWrite(principal);
  if (!allowed.ok) return allowed;
  const checked = checkMetadata(metadata);
  if (!checked.ok) return checked;
  const iconBytes = metadata.icon === null ? null : checkAppIcon(metadata.icon);
  const icon: AppIcon | null = iconBytes?.ok === true ? { png: iconBytes.value, sha256: deps.digests.sha256Hex(iconBytes.value) } : null;
  return deps.tx.transaction(async (s) => {
    const app = await s.getApp(principal.tenantId, appId as AppId);
    if (app === undefined) return fail('APP_NOT_FOUND', `No app with id ${appId.slice(0, 64)}.`);
    if (app.kind !== 'lineOfBusiness') return fail('APP_NOT_LINE_OF_BUSINESS', `App ${app.name} is a ${app.kind} app; only line-of-business apps take uploaded packages.`);
    if (metadata.identifier.toLowerCase() !== app.identifier.toLowerCase()) {
      return fail('APP_PACKAGE_IDENTIFIER_MISMATCH', `The package is ${metadata.identifier}, not ${app.identifier}: upload it as another app.`, { expected: app.identifier, actual: metadata.identifier });
    }
    const installsOn = packageFormatPlatforms[metadata.format];
    if (!installsOn.some((p) => app.platforms.includes(p))) {
      return fail('APP_PACKAGE_PLATFORM_MISMATCH', `A ${metadata.format} package installs on ${installsOn.join(', ')}; ${app.name} is for ${app.platforms.join(', ')}.`, { format: metadata.format, platforms: app.platforms });
    }
    const now = deps.clock.now();
    const version: AppVersion = {
      id: deps.ids.newId() as AppVersionId,
      tenantId: principal.tenantId,
      appId: app.id,
      version: metadata.version,
      format: metadata.format,
      identifier: metadata.identifier,
      name: metadata.name,
      minimumOsVersion: metadata.minimumOsVersion,
      architecture: metadata.architecture,
      sha256: metadata.sha256,
      sizeBytes: metadata.sizeBytes,
      fileName: metadata.fileName,
      createdAt: now,
      supersededAt: null,
    };
    if (!(await s.insertAppVersion(version))) return fail('APP_VERSION_EXISTS', `${app.name} has a version ${metadata.version} already; raise the package's version.`, { version: metadata.version });
    if (app.currentVersionId !== null) await s.supersedeAppVersion(principal.tenantId, app.currentVersionId, now);
    const takeIcon = app.iconSha256 === null && icon !== null;
    const after: App = { ...app, currentVersionId: version.id, version: app.version + 1, updatedAt: now, iconSha256: takeIcon ? icon.sha256 : app.iconSha256 };
    if (!(await s.updateApp(after, takeIcon ? icon : undefined))) return fail('APP_VERSION_CONFLICT', `App ${app.name} was changed by someone else meanwhile; upload again.`);
    await recordAudit(s, principal, now, 'app.versionAdded', { type: 'app', id: app.id }, { currentVersionId: app.currentVersionId }, { currentVersionId: version.id, version });
    s.publish({ type: 'app.changed', tenantId: principal.tenantId, subject: app.id });
    await s.enqueue(appDesiredStateJob(principal.tenantId, app.id));
    return ok({ app: after, version });
  });
}

const sha256Pattern = /^[0-9a-f]{64}$/;

function checkMetadata(m: AppPackageMetadata): Result<void, ErrorCode> {
  const bad = (field: string, message: string): Result<void, ErrorCode> => fail('APP_INVALID', `${field}: ${message}`, { field });
  const textOk = (v: unknown, max: number, min = 1): v is string => typeof v === 'string' && v.length >= min && v.length <= max && !hasControlCharacters(v) && v.trim() === v;
  if (!(appPackageFormats as readonly string[]).includes(m.format)) return bad('format', `must be one of ${appPackageFormats.join(', ')}`);
  if (!textOk(m.identifier, 255)) return bad('identifier', 'must be 1–255 characters without control characters or surrounding spaces');
  if (!textOk(m.name, 200)) return bad('name', 'must be 1–200 characters without control characters');
  if (!textOk(m.version, 100) || !/^[A-Za-z0-9][A-Za-z0-9.+~:_-]*$/.test(m.version)) return bad('version', 'must be a package version such as 1.2.3 or 2:1.0-3');
  if (m.minimumOsVersion !== null && (!textOk(m.minimumOsVersion, 50) || !/^[0-9][0-9.]*$/.test(m.minimumOsVersion))) return bad('minimumOsVersion', 'must be a version such as 13.0');
  if (m.architecture !== null && (!textOk(m.architecture, 50) || !/^[A-Za-z0-9_,-]+$/.test(m.architecture))) return bad('architecture', 'must be an architecture such as x86_64 or arm64');
  if (typeof m.sha256 !== 'string' || !sha256Pattern.test(m.sha256)) return bad('sha256', 'must be 64 lower-case hex digits');
  if (!Number.isSafeInteger(m.sizeBytes) || m.sizeBytes < 1 || m.sizeBytes > appPackageMaxBytes) return bad('sizeBytes', `must be between 1 and ${appPackageMaxBytes}`);
  if (!textOk(m.fileName, 255) || /[/\\]/.test(m.fileName) || m.fileName === '.' || m.fileName === '..') return bad('fileName', 'must be a file name without directories');
  return ok(undefined);
}
