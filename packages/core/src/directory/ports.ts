import type { ApiTokenId, GroupId, TenantId, UserId } from '../kernel/brand.js';
import type { Page, PageRequest } from '../kernel/pagination.js';
import type { Tenant } from '../kernel/tenant.js';
import type { AccessToken, Credentials, Group, GroupMember, GroupMemberType, GroupMembershipType, RoleAssignment, User } from './model.js';

/** Tenants. */
export interface TenantStore {
  /** The tenant with this id. */
  getTenant(id: TenantId): Promise<Tenant | undefined>;
  /** The tenant with this slug. */
  getTenantBySlug(slug: string): Promise<Tenant | undefined>;
  /** Adds a tenant; false if the slug is taken. */
  insertTenant(tenant: Tenant): Promise<boolean>;
  /** Every tenant, by slug. */
  listTenants(): Promise<readonly Tenant[]>;
}

export const userSorts = ['email', 'displayName', 'createdAt'] as const;
export type UserSort = (typeof userSorts)[number];

/** Filters of the user list; all given ones must hold. */
export interface UserFilter {
  /** Case-insensitive substring of e-mail or display name. */
  readonly q?: string;
  readonly department?: string;
  readonly disabled?: boolean;
  /** Members of this group. */
  readonly groupId?: GroupId;
  /** Restricts to members of any of these groups (an admin's scope). */
  readonly withinGroups?: readonly GroupId[];
}

/** Users of the directory. */
export interface UserStore {
  /** The user with this id. */
  getUser(tenantId: TenantId, id: UserId): Promise<User | undefined>;
  /** The user with this (lower-cased) e-mail. */
  getUserByEmail(tenantId: TenantId, email: string): Promise<User | undefined>;
  /** The users with these ids that exist. */
  getUsers(tenantId: TenantId, ids: readonly UserId[]): Promise<readonly User[]>;
  /** Adds a user; false (and nothing written) if the e-mail is taken. */
  insertUser(user: User): Promise<boolean>;
  /** Replaces a user's fields; false if the new e-mail is taken by another user. */
  updateUser(user: User): Promise<boolean>;
  /** Removes a user, their memberships, role assignments, credentials and tokens. */
  deleteUser(tenantId: TenantId, id: UserId): Promise<void>;
  /** One page of users. */
  listUsers(tenantId: TenantId, filter: UserFilter, page: PageRequest<UserSort>): Promise<Page<User>>;
  /** Whether the user is a member of any of these groups (an admin's scope check). */
  isUserWithinGroups(tenantId: TenantId, id: UserId, groupIds: readonly GroupId[]): Promise<boolean>;
}

export const groupSorts = ['name', 'createdAt'] as const;
export type GroupSort = (typeof groupSorts)[number];

/** Filters of the group list. */
export interface GroupFilter {
  /** Case-insensitive substring of the name. */
  readonly q?: string;
  readonly membershipType?: GroupMembershipType;
  readonly memberType?: GroupMemberType;
}

/** A member to add or remove. */
export interface MemberRef {
  readonly memberType: GroupMemberType;
  readonly memberId: string;
}

/** Groups and their memberships. */
export interface GroupStore {
  /** The group with this id. */
  getGroup(tenantId: TenantId, id: GroupId): Promise<Group | undefined>;
  /** The group with this name, compared case-insensitively. */
  getGroupByName(tenantId: TenantId, name: string): Promise<Group | undefined>;
  /** The groups with these ids that exist. */
  getGroups(tenantId: TenantId, ids: readonly GroupId[]): Promise<readonly Group[]>;
  /** Adds a group; false (nothing written) if the name is taken. */
  insertGroup(group: Group): Promise<boolean>;
  /** Replaces a group's fields; false if the new name is taken. */
  updateGroup(group: Group): Promise<boolean>;
  /** Removes a group and its memberships. */
  deleteGroup(tenantId: TenantId, id: GroupId): Promise<void>;
  /** One page of groups. */
  listGroups(tenantId: TenantId, filter: GroupFilter, page: PageRequest<GroupSort>): Promise<Page<Group>>;
  /** Every dynamic group whose members are of this type (rules to evaluate on a member change). */
  listDynamicGroups(tenantId: TenantId, memberType: GroupMemberType): Promise<readonly Group[]>;
  /** Adds members; already present ones are left as they are. Returns how many were added. */
  addMembers(tenantId: TenantId, groupId: GroupId, members: readonly MemberRef[], at: Date): Promise<number>;
  /** Removes members; returns how many were removed. */
  removeMembers(tenantId: TenantId, groupId: GroupId, members: readonly MemberRef[]): Promise<number>;
  /** Removes every member of a group (before a dynamic group is filled again). */
  clearMembers(tenantId: TenantId, groupId: GroupId): Promise<void>;
  /** One page of a group's members, by member id. */
  listMembers(tenantId: TenantId, groupId: GroupId, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<GroupMember>>;
  /** The ids of the groups this user or device belongs to. */
  groupsOfMember(tenantId: TenantId, member: MemberRef): Promise<readonly GroupId[]>;
}

/** Admins' role assignments. */
export interface RoleAssignmentStore {
  /** Every role assignment of a user. */
  listRoleAssignments(tenantId: TenantId, userId: UserId): Promise<readonly RoleAssignment[]>;
  /** Every role assignment in the tenant (the admins list), by user. */
  listAllRoleAssignments(tenantId: TenantId): Promise<readonly RoleAssignment[]>;
  /** Adds a role assignment. */
  insertRoleAssignment(assignment: RoleAssignment): Promise<void>;
  /** Removes a role assignment; false if there was none. */
  deleteRoleAssignment(tenantId: TenantId, id: RoleAssignment['id']): Promise<boolean>;
  /** How many users hold the global admin role unscoped (the last one may not be removed). */
  countGlobalAdmins(tenantId: TenantId): Promise<number>;
}

/** Sign-in secrets. */
export interface CredentialStore {
  /** A user's credentials, if any were ever set. */
  getCredentials(tenantId: TenantId, userId: UserId): Promise<Credentials | undefined>;
  /** Creates or replaces a user's credentials. */
  putCredentials(credentials: Credentials): Promise<void>;
}

/** Bearer tokens (API tokens and admin sessions). */
export interface AccessTokenStore {
  /** The token with this id, revoked or not. Tokens are looked up across tenants by id. */
  getAccessToken(id: ApiTokenId): Promise<AccessToken | undefined>;
  /** Adds a token. */
  insertAccessToken(token: AccessToken): Promise<void>;
  /** Marks a token revoked at `at`; false if it does not exist in the tenant. */
  revokeAccessToken(tenantId: TenantId, id: ApiTokenId, at: Date): Promise<boolean>;
  /** Revokes every live session of a user (password reset, lockout). */
  revokeSessionsOfUser(tenantId: TenantId, userId: UserId, at: Date): Promise<void>;
  /** Records a use; implementations may coalesce these writes. */
  touchAccessToken(id: ApiTokenId, at: Date): Promise<void>;
  /** The API tokens of a tenant (never the secrets), newest first. */
  listAccessTokens(tenantId: TenantId, kind: 'api' | 'session'): Promise<readonly AccessToken[]>;
}
