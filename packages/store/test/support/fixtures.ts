import type { CommandId, CommandRecord, Device, DeviceId, DeviceIdentity, EnrollmentToken, EnrollmentTokenId, Group, GroupId, PendingCommand, Tenant, TenantId, User, UserId } from '@ward/core';

/** A fixed instant the fixtures count from, so tests do not depend on when they run. */
export const t0 = new Date('2024-05-01T12:00:00.000Z');

/** `t0` plus `ms` milliseconds. */
export function at(ms: number): Date {
  return new Date(t0.getTime() + ms);
}

export function makeTenant(id: string, slug = id): Tenant {
  return { id: id as TenantId, slug, name: `Tenant ${slug}`, createdAt: t0 };
}

export function makeUser(tenantId: TenantId, id: string, over: Partial<User> = {}): User {
  return {
    id: id as UserId,
    tenantId,
    email: `${id}@example.com`,
    displayName: `User ${id}`,
    givenName: null,
    surname: null,
    department: null,
    jobTitle: null,
    employeeId: null,
    attributes: {},
    disabled: false,
    createdAt: t0,
    updatedAt: t0,
    ...over,
  };
}

export function makeGroup(tenantId: TenantId, id: string, over: Partial<Group> = {}): Group {
  return {
    id: id as GroupId,
    tenantId,
    name: `Group ${id}`,
    description: '',
    membershipType: 'static',
    memberType: 'device',
    rule: null,
    memberCount: 0,
    createdAt: t0,
    updatedAt: t0,
    ...over,
  };
}

export function makeDevice(tenantId: TenantId, id: string, over: Partial<Device> = {}): Device {
  return {
    id: id as DeviceId,
    tenantId,
    name: `device-${id}`,
    platform: 'macos',
    ownership: 'corporate',
    managementState: 'enrolled',
    complianceState: 'compliant',
    serialNumber: null,
    model: null,
    manufacturer: null,
    osVersion: null,
    primaryUserId: null,
    facts: {},
    inventory: {},
    enrolledAt: t0,
    lastSeenAt: null,
    createdAt: t0,
    updatedAt: t0,
    ...over,
  };
}

export function makeEnrollmentToken(tenantId: TenantId, id: string, over: Partial<EnrollmentToken> = {}): EnrollmentToken {
  return {
    id: id as EnrollmentTokenId,
    tenantId,
    name: `Token ${id}`,
    secretHash: 'ab'.repeat(32),
    maxUses: 1,
    uses: 0,
    ownership: 'corporate',
    targetGroupId: null,
    userId: null,
    expiresAt: at(86_400_000),
    revokedAt: null,
    createdBy: 'admin@example.com',
    createdAt: t0,
    ...over,
  };
}

export function makeIdentity(tenantId: TenantId, serialNumber: string, deviceId: string, over: Partial<DeviceIdentity> = {}): DeviceIdentity {
  return {
    tenantId,
    serialNumber,
    deviceId: deviceId as DeviceId,
    fingerprint: 'AB:CD:EF',
    notBefore: t0,
    notAfter: at(365 * 86_400_000),
    state: 'active',
    revokedAt: null,
    createdAt: t0,
    ...over,
  };
}

export function makeCommand(tenantId: TenantId, id: string, deviceId: string, over: Partial<PendingCommand> = {}): PendingCommand {
  return {
    id: id as CommandId,
    tenantId,
    deviceId: deviceId as DeviceId,
    type: 'sync',
    payload: {},
    signature: 'c2lnbmF0dXJl',
    status: 'queued',
    deliveries: 0,
    requestedBy: 'admin@example.com',
    createdAt: t0,
    sentAt: null,
    expiresAt: at(72 * 3_600_000),
    ...over,
  };
}

export function makeCommandRecord(tenantId: TenantId, id: string, deviceId: string, over: Partial<CommandRecord> = {}): CommandRecord {
  return {
    id: id as CommandId,
    tenantId,
    deviceId: deviceId as DeviceId,
    type: 'sync',
    status: 'succeeded',
    result: { finishedAt: t0.toISOString() },
    requestedBy: 'admin@example.com',
    createdAt: t0,
    completedAt: at(1000),
    ...over,
  };
}

/** Compares like both databases do: by UTF-8 bytes (PostgreSQL collation "C", SQLite BINARY). */
export function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
