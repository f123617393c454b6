import type { Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Role } from '../directory/roles.js';
import type { DeviceId, UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';

/**
 * The person behind a portal request. Self-service is for people signed in with a session: an API
 * token acts for automation with its own role, so it is refused here rather than quietly given
 * its owner's devices.
 */
export function selfOf(principal: Principal): Result<UserId, ErrorCode> {
  if (principal.actor.type !== 'user' || principal.userId === null) return fail('FORBIDDEN', 'Self-service is for a person signed in to the portal, not for API tokens.');
  return ok(principal.userId);
}

/**
 * The device with this id if its primary user is the caller. Someone else's device, a missing one
 * and a malformed id all answer the same DEVICE_NOT_FOUND, so the portal cannot be used to probe
 * which device ids exist.
 */
export async function findOwnDevice(stores: Pick<DeviceStore, 'getDevice'>, principal: Principal, id: string): Promise<Result<Device, ErrorCode>> {
  const self = selfOf(principal);
  if (!self.ok) return self;
  const device = await stores.getDevice(principal.tenantId, id as DeviceId);
  if (device?.primaryUserId !== self.value) return fail('DEVICE_NOT_FOUND', `You have no device with id ${id.slice(0, 64)}.`);
  return ok(device);
}

/**
 * The caller acting through an admin use case on one device {@link findOwnDevice} has just shown
 * to be theirs. Reusing the admin path keeps one implementation of explain and retire; the grant
 * is made here, never stored or returned, and each caller hands it to exactly one call that names
 * only that device, so it reaches nothing else. The actor stays the person, so the audit trail
 * says who did it.
 */
export function ownerDelegate(principal: Principal, role: Extract<Role, 'helpDeskOperator' | 'readOnlyAuditor'>): Principal {
  return { ...principal, grants: [{ role, scopeGroupIds: null }] };
}
