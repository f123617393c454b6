import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { ok, type Result } from '../kernel/result.js';
import { findDeviceInScope } from './find-device-in-scope.js';
import type { DeviceStore } from './ports.js';

export type DeleteDeviceStores = Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups' | 'deleteDevice'> & AuditTrail & EventPublisher;

/**
 * Deletes a device record. This forgets the device; it does not touch the device itself (retire
 * and wipe are remote actions).
 */
export async function deleteDevice(deps: Deps<DeleteDeviceStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findDeviceInScope(s, principal, 'devices.write', id);
    if (!found.ok) return found;
    const { inventory: _inventory, ...record } = found.value;
    await s.deleteDevice(principal.tenantId, found.value.id);
    await recordAudit(s, principal, deps.clock.now(), 'device.deleted', { type: 'device', id: found.value.id }, record, null);
    s.publish({ type: 'device.changed', tenantId: principal.tenantId, subject: found.value.id });
    return ok({ deleted: true as const });
  });
}
