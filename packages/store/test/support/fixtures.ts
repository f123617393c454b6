import type { Device, DeviceId, Group, GroupId, Tenant, TenantId, User, UserId } from '@ward/core';

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

/** Compares like both databases do: by UTF-8 bytes (PostgreSQL collation "C", SQLite BINARY). */
export function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
