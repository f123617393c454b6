import type { AppleAppItem, AppleAppRemoval } from '../apps/apple-app-item.js';
import type { DeviceAppStateStore } from '../apps/ports.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { MamPolicySource } from '../mam/mam-policy-cache.js';
import type { AppConfigurationSettings } from '../mam/model.js';
import { resolveAppConfiguration, type ResolveAppConfigurationStores } from '../mam/resolve-app-configuration.js';
import type { BoundAppleSession } from './resolve-apple-request.js';

export type GetAppleAppCommandStores = Pick<DeviceAppStateStore, 'listDeviceAppStates'> & ResolveAppConfigurationStores;

/** Which app command is about to be handed out: its request type and abstract payload. */
export interface AppleAppCommandRequest {
  readonly requestType: 'InstallApplication' | 'RemoveApplication';
  readonly appId: string;
  readonly hash: string;
}

/**
 * What to send for a planned app command: the install item with the managed app configuration
 * rendered for the device's primary user (null: no configuration policy targets the app, or the
 * device has no user), or the removal; `stale` when the device's row no longer asks for that
 * item (a newer plan queued what replaces it). The adapter turns the first two into Apple's keys.
 */
export type AppleAppDelivery =
  | { readonly status: 'install'; readonly item: AppleAppItem; readonly configuration: AppConfigurationSettings | null }
  | { readonly status: 'remove'; readonly removal: AppleAppRemoval }
  | { readonly status: 'stale' };

/**
 * Renders one planned InstallApplication or RemoveApplication for one Apple device at delivery
 * time (issue 7 §2, §4), as `getAppleDeliveryItem` does for profiles: the device's app row must
 * still ask for exactly that item, and the configuration is the one the app configuration
 * policies give the device's primary user now (`resolveAppConfiguration`, variables filled in),
 * so a policy edited after the command was queued is what the device gets. Read-only. A session
 * of a device that left management is DEVICE_RETIRED.
 */
export async function getAppleAppCommand(
  deps: Pick<Deps<GetAppleAppCommandStores>, 'stores' | 'digests'> & { readonly mamPolicies?: MamPolicySource },
  session: BoundAppleSession,
  request: AppleAppCommandRequest,
): Promise<Result<AppleAppDelivery, ErrorCode>> {
  const { device } = session;
  if (device.managementState === 'retired') return fail('DEVICE_RETIRED', 'This device has left management.');
  const rows = await deps.stores.listDeviceAppStates(device.tenantId, [device.id]);
  const row = rows.find((r) => r.appId === request.appId);
  if (row === undefined || row.desiredHash !== request.hash) return ok({ status: 'stale' as const });
  if (request.requestType === 'RemoveApplication') {
    return row.action === 'remove' && row.item?.type === 'appleRemove' ? ok({ status: 'remove' as const, removal: row.item.remove }) : ok({ status: 'stale' as const });
  }
  if (row.action !== 'install' || row.item?.type !== 'appleInstall') return ok({ status: 'stale' as const });
  const item = row.item.install;
  const rendered =
    device.primaryUserId === null
      ? null
      : await resolveAppConfiguration(deps, { tenantId: device.tenantId, userId: device.primaryUserId, appIdentifier: item.source.bundleId });
  return ok({ status: 'install' as const, item, configuration: rendered === null || Object.keys(rendered.configuration).length === 0 ? null : rendered.configuration });
}
