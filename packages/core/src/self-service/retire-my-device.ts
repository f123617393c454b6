import type { RequestAppleDeviceActionStores } from '../apple/request-apple-device-action.js';
import type { AppleProfileNaming } from '../apple/apple-profile-identifier.js';
import type { CommandId } from '../commands/model.js';
import type { CommandSigner } from '../commands/ports.js';
import { requestDeviceAction, type RequestDeviceActionStores } from '../commands/request-device-action.js';
import type { DeviceStore } from '../devices/ports.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { findOwnDevice, ownerDelegate } from './own-device.js';

export type RetireMyDeviceStores = RequestDeviceActionStores & RequestAppleDeviceActionStores & Pick<DeviceStore, 'getDevice'>;

/** A retire the owner asked for: queued now, or the one already waiting for the device. */
export interface MyRetireOutcome {
  readonly deviceId: DeviceId;
  readonly commandId: CommandId;
  readonly status: 'queued' | 'alreadyPending';
}

/**
 * Removes the company's management from one of the caller's own devices (retire), through the
 * same path as an admin's retire (`requestDeviceAction`: signed command or Apple RemoveProfile,
 * audited with the person as actor, device woken). Asking again while the retire waits answers the
 * pending one; a device already retired is ACTION_NOT_ALLOWED; anyone else's is DEVICE_NOT_FOUND.
 * Only retire: the owner cannot lock, wipe or script through self-service.
 */
export async function retireMyDevice(
  deps: Deps<RetireMyDeviceStores> & { readonly signer: CommandSigner; readonly appleProfiles?: AppleProfileNaming },
  principal: Principal,
  deviceId: string,
): Promise<Result<MyRetireOutcome, ErrorCode>> {
  const found = await findOwnDevice(deps.stores, principal, deviceId);
  if (!found.ok) return found;
  const device = found.value;
  if (device.managementState === 'retired') return fail('ACTION_NOT_ALLOWED', 'This device is already retired.');
  const requested = await requestDeviceAction(deps, ownerDelegate(principal, 'helpDeskOperator'), { deviceIds: [device.id], type: 'retire' });
  if (!requested.ok) return requested;
  const outcome = requested.value[0];
  if (outcome === undefined) throw new Error('requestDeviceAction answered no outcome for one device');
  if (outcome.status === 'refused' || outcome.commandId === null) return fail(outcome.code ?? 'ACTION_NOT_ALLOWED', outcome.message ?? 'The device refused the retire.');
  return ok({ deviceId: device.id, commandId: outcome.commandId as CommandId, status: outcome.status });
}
