import type { Device } from '../devices/model.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { appPackageUrl } from './compute-desired-apps.js';
import type { AppPackageFormat, AppVersionId } from './model.js';
import type { AppVersionStore, DeviceAppStateStore } from './ports.js';

/** What the agent endpoint needs to serve a package file: the blob's address and how to name it. */
export interface AppPackageForDevice {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly fileName: string;
  readonly format: AppPackageFormat;
}

/**
 * The package a device may download (`GET /agent/v1/app-packages/<versionId>`): only a version
 * that is this device's current install item, so a device certificate cannot fetch another
 * tenant's packages, or packages not meant for it, by guessing ids. Anything else, a malformed id
 * included, is APP_PACKAGE_NOT_FOUND. One read of the device's rows and one of the version.
 */
export async function getAppPackageForDevice(
  deps: Deps<Pick<AppVersionStore, 'getAppVersion'> & Pick<DeviceAppStateStore, 'listDeviceAppStates'>>,
  device: Pick<Device, 'id' | 'tenantId'>,
  versionId: string,
): Promise<Result<AppPackageForDevice, ErrorCode>> {
  const notFound = fail('APP_PACKAGE_NOT_FOUND', 'This device has no such package to install.');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(versionId)) return notFound;
  const version = await deps.stores.getAppVersion(device.tenantId, versionId as AppVersionId);
  if (version === undefined) return notFound;
  const rows = await deps.stores.listDeviceAppStates(device.tenantId, [device.id]);
  const url = appPackageUrl(version.id);
  const desired = rows.some((r) => r.appId === version.appId && r.action === 'install' && r.item?.type === 'install' && r.item.install.source.kind === 'package' && r.item.install.source.url === url && r.item.install.source.sha256 === version.sha256);
  if (!desired) return notFound;
  return ok({ sha256: version.sha256, sizeBytes: version.sizeBytes, fileName: version.fileName, format: version.format });
}
