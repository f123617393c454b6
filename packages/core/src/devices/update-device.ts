import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { refreshDeviceMemberships, type MembershipStores } from '../directory/refresh-memberships.js';
import type { UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { desiredStateJob } from '../policy/desired-state-job.js';
import { findDeviceInScope } from './find-device-in-scope.js';
import { ownerships, type Device, type Ownership } from './model.js';
import type { DeviceStore } from './ports.js';

/** What an admin may change on a device record. */
export interface DevicePatch {
  readonly name?: string;
  readonly ownership?: Ownership;
  readonly primaryUserId?: string | null;
}

export type UpdateDeviceStores = Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups' | 'updateDevice'> & MembershipStores & AuditTrail & EventPublisher & JobEnqueuer;

/**
 * Renames a device, changes its ownership or its primary user. Turning a device personal drops its
 * raw inventory, which IT may not keep for personal devices.
 */
export async function updateDevice(deps: Deps<UpdateDeviceStores>, principal: Principal, id: string, patch: DevicePatch): Promise<Result<Device, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findDeviceInScope(s, principal, 'devices.write', id);
    if (!found.ok) return found;
    const before = found.value;
    const name = patch.name?.trim() ?? before.name;
    if (name.length === 0 || name.length > 200) return fail('VALIDATION_FAILED', 'A device name must have 1 to 200 characters.', { field: 'name' });
    const ownership = patch.ownership ?? before.ownership;
    if (!ownerships.includes(ownership)) return fail('VALIDATION_FAILED', `Unknown ownership ${JSON.stringify(ownership)}.`, { field: 'ownership' });
    const primaryUserId = (patch.primaryUserId === undefined ? before.primaryUserId : patch.primaryUserId) as UserId | null;
    if (primaryUserId !== null && primaryUserId !== before.primaryUserId && (await s.getUser(principal.tenantId, primaryUserId)) === undefined) {
      return fail('USER_NOT_FOUND', `No user with id ${primaryUserId}.`, { field: 'primaryUserId' });
    }
    const now = deps.clock.now();
    const after: Device = { ...before, name, ownership, primaryUserId, inventory: ownership === 'personal' ? {} : before.inventory, updatedAt: now };
    await s.updateDevice(after);
    await refreshDeviceMemberships(s, principal.tenantId, after, now);
    // The primary user (user groups, {{user.*}}), ownership and name (filters, {{device.name}})
    // decide which profiles and compliance policies reach the device and how they render.
    if (name !== before.name || ownership !== before.ownership || primaryUserId !== before.primaryUserId) {
      await s.enqueue(desiredStateJob(principal.tenantId, { type: 'devices', deviceIds: [after.id] }));
    }
    const { inventory: _b, ...auditBefore } = before;
    const { inventory: _a, ...auditAfter } = after;
    await recordAudit(s, principal, now, 'device.updated', { type: 'device', id: after.id }, auditBefore, auditAfter);
    s.publish({ type: 'device.changed', tenantId: principal.tenantId, subject: after.id });
    return ok(after);
  });
}
