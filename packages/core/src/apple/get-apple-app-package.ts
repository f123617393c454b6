import type { AppVersionId } from '../apps/model.js';
import type { AppVersionStore, DeviceAppStateStore } from '../apps/ports.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { BoundAppleSession } from './resolve-apple-request.js';

export type GetAppleAppPackageStores = Pick<AppVersionStore, 'getAppVersion'> & Pick<DeviceAppStateStore, 'listDeviceAppStates'>;

/** What the manifest and package endpoints serve for one line-of-business version. */
export interface AppleAppPackage {
  readonly versionId: string;
  readonly format: 'ipa' | 'pkg';
  /** Hex SHA-256 of the file: the blob's address and the manifest's hash. */
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly fileName: string;
  /** The manifest's `bundle-identifier`, `bundle-version` and `title`. */
  readonly bundleId: string;
  readonly version: string;
  readonly title: string;
}

/**
 * The .ipa or .pkg an Apple device may fetch (`/mdm/apps/<versionId>/manifest.plist` and
 * `…/package`): only a version that is this device's current install item, so an MDM identity
 * cannot fetch another tenant's packages, another device's, or versions not meant for it by
 * guessing ids. Anything else, a malformed id included, is APP_PACKAGE_NOT_FOUND. One read of the
 * version and one of the device's rows.
 */
export async function getAppleAppPackage(deps: Pick<Deps<GetAppleAppPackageStores>, 'stores'>, session: BoundAppleSession, versionId: string): Promise<Result<AppleAppPackage, ErrorCode>> {
  const notFound = fail('APP_PACKAGE_NOT_FOUND', 'This device has no such app to install.');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(versionId)) return notFound;
  const { device } = session;
  if (device.managementState !== 'enrolled') return notFound;
  const version = await deps.stores.getAppVersion(device.tenantId, versionId as AppVersionId);
  if (version === undefined || (version.format !== 'ipa' && version.format !== 'pkg')) return notFound;
  const rows = await deps.stores.listDeviceAppStates(device.tenantId, [device.id]);
  const item = rows.find((r) => r.appId === version.appId && r.action === 'install')?.item;
  if (item?.type !== 'appleInstall') return notFound;
  const source = item.install.source;
  if (source.kind !== 'appleManifest' || source.versionId !== version.id || source.sha256 !== version.sha256) return notFound;
  return ok({
    versionId: version.id,
    format: version.format,
    sha256: version.sha256,
    sizeBytes: version.sizeBytes,
    fileName: version.fileName,
    bundleId: source.bundleId,
    version: source.version,
    title: item.install.name,
  });
}
