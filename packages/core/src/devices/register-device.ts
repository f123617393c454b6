import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { refreshDeviceMemberships, type MembershipStores } from '../directory/refresh-memberships.js';
import type { DeviceId, UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { platforms, ownerships, type Device, type DeviceFacts, type Ownership, type Platform } from './model.js';
import type { DeviceStore } from './ports.js';

/** What an enrollment knows of a new device. */
export interface NewDevice {
  readonly name: string;
  readonly platform: Platform;
  readonly ownership: Ownership;
  readonly serialNumber?: string | null;
  readonly model?: string | null;
  readonly manufacturer?: string | null;
  readonly primaryUserId?: string | null;
  readonly facts?: DeviceFacts;
  readonly inventory?: Readonly<Record<string, unknown>>;
}

export type RegisterDeviceStores = Pick<DeviceStore, 'insertDevice'> & MembershipStores & AuditTrail & EventPublisher;

/**
 * Creates the record of a newly enrolled device, places it in its dynamic groups and audits it.
 * The enrollment paths (agent, Apple, Windows) call this once they have proved the device.
 */
export async function registerDevice(deps: Deps<RegisterDeviceStores>, principal: Principal, input: NewDevice): Promise<Result<Device, ErrorCode>> {
  if (!platforms.includes(input.platform)) return fail('VALIDATION_FAILED', `Unknown platform ${JSON.stringify(input.platform)}.`, { field: 'platform' });
  if (!ownerships.includes(input.ownership)) return fail('VALIDATION_FAILED', `Unknown ownership ${JSON.stringify(input.ownership)}.`, { field: 'ownership' });
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) return fail('VALIDATION_FAILED', 'A device name must have 1 to 200 characters.', { field: 'name' });
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const primaryUserId = (input.primaryUserId ?? null) as UserId | null;
    if (primaryUserId !== null && (await s.getUser(principal.tenantId, primaryUserId)) === undefined) return fail('USER_NOT_FOUND', `No user with id ${primaryUserId}.`, { field: 'primaryUserId' });
    const facts = input.facts ?? {};
    // Personal devices keep no raw inventory: IT sees only corporate data (ARCHITECTURE, security).
    const inventory = input.ownership === 'personal' ? {} : (input.inventory ?? {});
    const device: Device = {
      id: deps.ids.newId() as DeviceId,
      tenantId: principal.tenantId,
      name,
      platform: input.platform,
      ownership: input.ownership,
      managementState: 'enrolled',
      complianceState: 'unknown',
      serialNumber: input.serialNumber ?? null,
      model: input.model ?? null,
      manufacturer: input.manufacturer ?? null,
      osVersion: facts.osVersion ?? null,
      primaryUserId,
      facts,
      inventory,
      enrolledAt: now,
      lastSeenAt: now,
      createdAt: now,
      updatedAt: now,
    };
    await s.insertDevice(device);
    await refreshDeviceMemberships(s, principal.tenantId, device, now);
    await recordAudit(s, principal, now, 'device.registered', { type: 'device', id: device.id }, null, { ...device, inventory: undefined });
    s.publish({ type: 'device.changed', tenantId: principal.tenantId, subject: device.id });
    return ok(device);
  });
}
