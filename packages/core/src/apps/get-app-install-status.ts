import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppReport } from './app-access.js';
import type { AppId, AppInstallStatus, DeviceAppState } from './model.js';
import { appInstallStatuses } from './model.js';
import type { AppStatusCounts, AppStore, DeviceAppStateStore } from './ports.js';

/** Which page of an app's device rows. */
export interface GetAppInstallStatusInput {
  readonly status?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/** An app's install status across its devices: counts by status and one page of device rows. */
export interface AppInstallStatusReport {
  readonly counts: AppStatusCounts;
  readonly devices: Page<DeviceAppState>;
}

/**
 * Per-app install status: how many devices are pending, installed, failed, not applicable,
 * removing or removed, and one page of the device rows (by device id; `status` narrows them),
 * each with the device's error text and installed version.
 */
export async function getAppInstallStatus(
  deps: Deps<Pick<AppStore, 'getApp'> & Pick<DeviceAppStateStore, 'countAppStates' | 'listAppStates'>>,
  principal: Principal,
  appId: string,
  input: GetAppInstallStatusInput = {},
): Promise<Result<AppInstallStatusReport, ErrorCode>> {
  const allowed = authorizeAppReport(principal);
  if (!allowed.ok) return allowed;
  if (input.status !== undefined && !(appInstallStatuses as readonly string[]).includes(input.status)) {
    return fail('INVALID_FILTER', `status must be one of ${appInstallStatuses.join(', ')}.`, { field: 'status' });
  }
  const app = await deps.stores.getApp(principal.tenantId, appId as AppId);
  if (app === undefined) return fail('APP_NOT_FOUND', `No app with id ${appId.slice(0, 64)}.`);
  const counts = await deps.stores.countAppStates(principal.tenantId, app.id);
  const devices = await deps.stores.listAppStates(principal.tenantId, app.id, input.status === undefined ? {} : { status: input.status as AppInstallStatus }, {
    limit: clampLimit(input.limit),
    ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
  });
  return ok({ counts, devices });
}
