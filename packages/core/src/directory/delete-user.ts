import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { DeviceId } from '../kernel/brand.js';
import { desiredStateJob } from '../policy/desired-state-job.js';
import { findUserInScope } from './find-user-in-scope.js';
import type { DeviceStore } from '../devices/ports.js';
import type { RoleAssignmentStore, UserStore } from './ports.js';

export type DeleteUserStores = Pick<UserStore, 'getUser' | 'isUserWithinGroups' | 'deleteUser'> &
  Pick<DeviceStore, 'deviceIdsOfUser' | 'getDevice' | 'updateDevice'> & Pick<RoleAssignmentStore, 'listRoleAssignments' | 'countGlobalAdmins'> & AuditTrail & EventPublisher & JobEnqueuer;

/** Removes a user. The last unscoped global admin cannot be removed, so the tenant stays manageable. */
export async function deleteUser(deps: Deps<DeleteUserStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findUserInScope(s, principal, 'directory.write', id);
    if (!found.ok) return found;
    const user = found.value;
    const roles = await s.listRoleAssignments(principal.tenantId, user.id);
    const isGlobal = roles.some((r) => r.role === 'globalAdmin' && r.scopeGroupIds === null);
    if (isGlobal && (await s.countGlobalAdmins(principal.tenantId)) <= 1) return fail('LAST_GLOBAL_ADMIN', 'This user is the last global admin; make someone else global admin first.');
    // Their devices stay managed but belong to no one until an admin assigns them again.
    const now = deps.clock.now();
    const orphaned: DeviceId[] = [];
    for (const deviceId of await s.deviceIdsOfUser(principal.tenantId, user.id)) {
      const device = await s.getDevice(principal.tenantId, deviceId);
      if (device !== undefined) {
        await s.updateDevice({ ...device, primaryUserId: null, updatedAt: now });
        s.publish({ type: 'device.changed', tenantId: principal.tenantId, subject: device.id });
        orphaned.push(device.id);
      }
    }
    await s.deleteUser(principal.tenantId, user.id);
    // Without a primary user the devices leave the user's groups and 'all users' assignments.
    if (orphaned.length > 0) await s.enqueue(desiredStateJob(principal.tenantId, { type: 'devices', deviceIds: orphaned }));
    await recordAudit(s, principal, now, 'user.deleted', { type: 'user', id: user.id }, { ...user, roles }, null);
    s.publish({ type: 'user.changed', tenantId: principal.tenantId, subject: user.id });
    return ok({ deleted: true as const });
  });
}
