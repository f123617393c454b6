import type { Device } from '../../src/devices/model.js';
import type { User } from '../../src/directory/model.js';
import type { DeviceId, GroupId, TenantId, UserId } from '../../src/kernel/brand.js';
import type { Assignment, AssignmentFilterId, AssignmentId, AssignmentSubject, Profile, ProfileContent, ProfileId } from '../../src/policy/model.js';

/** A self-signed P-256 test root made with `openssl req -x509` for these tests. */
export const rootPem = `-----BEGIN CERTIFICATE-----
MIIBqzCCAVGgAwIBAgIUVlo4WJt+4pdVpP5Iu0sxWapI1ucwCgYIKoZIzj0EAwIw
KzEXMBUGA1UEAwwOV2FyZCBUZXN0IFJvb3QxEDAOBgNVBAoMB0V4YW1wbGUwHhcN
MjYxMTI5MTA1MTUxWhcNMzYxMTI2MTA1MTUxWjArMRcwFQYDVQQDDA5XYXJkIFRl
c3QgUm9vdDEQMA4GA1UECgwHRXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABA++L19Ce3fiuc9O+g/Vc7xZ2H6njZmN6tXXkmVgpcF57anhJgb/G1wkuMun
c326UPFpFtCPDQEAepq7aw7e9SijUzBRMB0GA1UdDgQWBBQ98obBWrdrUqUKzHVY
ImpCScvp+DAfBgNVHSMEGDAWgBQ98obBWrdrUqUKzHVYImpCScvp+DAPBgNVHRMB
Af8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQCTlq2WZC+fArmw/3+42I3r5L4A
P7pcTbmaXPD1ZKuT6gIgI+H+bRFDaLk25zbIK+KeFJsWvOg5IAYdaOVhACDCZfU=
-----END CERTIFICATE-----
`;

/** Two WireGuard keys (base64 of 32 random bytes). */
export const wgKeyA = '0H4rvw6kdZdR8W50131nFw57nrPCsErNzMcNe5hnfVM=';
export const wgKeyB = 'Bqjp0CQq4Xai7BzIbziwBRSIigC9LbpiPqx32LK7YB4=';

export const tenantId = 'tenant-1' as TenantId;
export const now = new Date('2026-11-30T12:00:00Z');

export function user(overrides: Partial<User> = {}): User {
  return {
    id: 'u-ada' as UserId, tenantId, email: 'ada@example.com', displayName: 'Ada Lovelace', givenName: 'Ada', surname: 'Lovelace', department: 'Finance',
    jobTitle: null, employeeId: null, attributes: {}, disabled: false, createdAt: new Date(0), updatedAt: new Date(0), ...overrides,
  };
}

export function device(overrides: Partial<Device> = {}): Device {
  return {
    id: 'd-1' as DeviceId, tenantId, name: 'ada-laptop', platform: 'linux', ownership: 'corporate', managementState: 'enrolled', complianceState: 'unknown',
    serialNumber: 'SN123', model: 'ThinkPad X1', manufacturer: 'Lenovo', osVersion: '24.04.1', primaryUserId: 'u-ada' as UserId,
    facts: { osVersion: '24.04.1' }, inventory: {}, enrolledAt: new Date('2026-11-01T00:00:00Z'), lastSeenAt: null, createdAt: new Date(0), updatedAt: new Date(0), ...overrides,
  };
}

export function subject(options: { device?: Partial<Device>; user?: User | null; groups?: readonly string[] } = {}): AssignmentSubject {
  return { device: device(options.device), user: options.user === undefined ? user() : options.user, groupIds: new Set(options.groups ?? []) };
}

let seq = 0;

/** A stored profile with this content. */
export function profile(id: string, content: ProfileContent, overrides: Partial<Pick<Profile, 'name' | 'platforms'>> = {}): Profile {
  return {
    id: id as ProfileId, tenantId, name: overrides.name ?? `Profile ${id}`, description: '', platforms: overrides.platforms ?? ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'],
    version: 1, createdAt: new Date(0), updatedAt: new Date(0), ...content,
  };
}

/** An assignment of a profile. */
export function assign(itemId: string, target: Assignment['target'], options: { mode?: Assignment['mode']; filter?: { filterId: string; mode: 'include' | 'exclude' } } = {}): Assignment {
  return {
    id: `a-${++seq}` as AssignmentId, tenantId, itemKind: 'profile', itemId, target, mode: options.mode ?? 'include',
    filter: options.filter === undefined ? null : { filterId: options.filter.filterId as AssignmentFilterId, mode: options.filter.mode }, intent: 'required', createdAt: new Date(0),
  };
}

export const group = (id: string): Assignment['target'] => ({ type: 'group', groupId: id as GroupId });
