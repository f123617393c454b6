import type { ApiTokenId, GroupId, RoleAssignmentId, TenantId, UserId } from '../kernel/brand.js';
import type { Role } from './roles.js';

/** A person in the organisation's directory: an employee who owns devices, or an admin. */
export interface User {
  readonly id: UserId;
  readonly tenantId: TenantId;
  /** Lower-cased; unique within the tenant. */
  readonly email: string;
  readonly displayName: string;
  readonly givenName: string | null;
  readonly surname: string | null;
  readonly department: string | null;
  readonly jobTitle: string | null;
  readonly employeeId: string | null;
  /** Extra directory attributes (string values), usable in group rules as `user.attributes.NAME`. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The fields of a user an admin may set. */
export interface UserFields {
  readonly email: string;
  readonly displayName: string;
  readonly givenName?: string | null;
  readonly surname?: string | null;
  readonly department?: string | null;
  readonly jobTitle?: string | null;
  readonly employeeId?: string | null;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly disabled?: boolean;
}

export const groupMembershipTypes = ['static', 'dynamic'] as const;
export type GroupMembershipType = (typeof groupMembershipTypes)[number];

export const groupMemberTypes = ['user', 'device'] as const;
export type GroupMemberType = (typeof groupMemberTypes)[number];

/**
 * A set of users or of devices. Static groups list their members; dynamic groups compute them from
 * a rule over user or device attributes, re-evaluated when a member's attributes or the rule change.
 */
export interface Group {
  readonly id: GroupId;
  readonly tenantId: TenantId;
  /** Unique within the tenant, compared case-insensitively. */
  readonly name: string;
  readonly description: string;
  readonly membershipType: GroupMembershipType;
  readonly memberType: GroupMemberType;
  /** The membership rule of a dynamic group, as written; null for a static group. */
  readonly rule: string | null;
  readonly memberCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One member of a group. */
export interface GroupMember {
  readonly groupId: GroupId;
  readonly memberType: GroupMemberType;
  readonly memberId: string;
  /** For display: the user's e-mail or the device's name. */
  readonly label: string;
  readonly addedAt: Date;
}

/** An admin: a directory user who holds at least one role. */
export interface RoleAssignment {
  readonly id: RoleAssignmentId;
  readonly tenantId: TenantId;
  readonly userId: UserId;
  readonly role: Role;
  readonly scopeGroupIds: readonly GroupId[] | null;
  readonly createdAt: Date;
}

/** A user's sign-in secrets. Kept apart from the user record so reads of users never carry them. */
export interface Credentials {
  readonly userId: UserId;
  readonly tenantId: TenantId;
  /** argon2id PHC string, or null when the user has no password yet. */
  readonly passwordHash: string | null;
  /** TOTP shared secret sealed under the master key; null when none. */
  readonly totpSecretSealed: string | null;
  /** `pending` between enrolment and the first correct code. */
  readonly totpState: 'none' | 'pending' | 'enabled';
  /** The last TOTP time step accepted, so a code cannot be replayed. */
  readonly totpLastStep: number | null;
  readonly failedAttempts: number;
  readonly lockedUntil: Date | null;
  readonly passwordChangedAt: Date | null;
}

export const accessTokenKinds = ['api', 'session'] as const;
export type AccessTokenKind = (typeof accessTokenKinds)[number];

/**
 * A bearer token: an API token an admin created for automation, or the session of a signed-in
 * admin. Only a SHA-256 hash of the secret is stored.
 */
export interface AccessToken {
  readonly id: ApiTokenId;
  readonly tenantId: TenantId;
  readonly kind: AccessTokenKind;
  readonly userId: UserId;
  readonly name: string;
  /** Hex SHA-256 of the secret part. */
  readonly secretHash: string;
  /** API tokens carry their own role and scope; sessions act with the user's role assignments. */
  readonly role: Role | null;
  readonly scopeGroupIds: readonly GroupId[] | null;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly createdAt: Date;
}
