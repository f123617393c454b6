import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import { requestAppWipe } from './request-app-wipe.js';
import type { AppWipeId } from './model.js';
import type { AppRegistrationStore } from './ports.js';

export type WipeDeviceAppRegistrationsStores = Pick<AppRegistrationStore, 'listLiveAppRegistrationsOfDevice' | 'updateAppRegistration'> & AuditTrail;

/**
 * Wipes the app registrations bound to an enrolled device (those whose app presented the device's
 * assertion at registration), for the device's retire: a retired device loses corporate app data
 * and keeps personal data. Runs inside the retire's own transaction (`stores` are its stores);
 * the caller has authorised the retire. Returns how many registrations it reached.
 */
export async function wipeDeviceAppRegistrations(deps: Pick<Deps<unknown>, 'clock' | 'ids'>, stores: WipeDeviceAppRegistrationsStores, principal: Principal, deviceId: DeviceId): Promise<number> {
  const live = await stores.listLiveAppRegistrationsOfDevice(principal.tenantId, deviceId, 1000);
  const now = deps.clock.now();
  const requested: string[] = [];
  for (const registration of live) {
    if (registration.state !== 'active') continue;
    await stores.updateAppRegistration(requestAppWipe(registration, principal, deps.ids.newId() as AppWipeId, 'user', now));
    requested.push(registration.id);
  }
  if (requested.length > 0) await recordAudit(stores, principal, now, 'device.appsWipeRequested', { type: 'device', id: deviceId }, null, { registrationIds: requested });
  return requested.length;
}
