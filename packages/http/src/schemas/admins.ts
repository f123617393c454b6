import { Type } from '@sinclair/typebox';
import { roles } from '@ward/core';
import { DateTime, Id, List, Nullable, StringEnum } from './common.js';
import { User } from './users.js';

/** A role name. */
export const Role = StringEnum(roles, { description: 'globalAdmin, policyManager, helpDeskOperator or readOnlyAuditor.' });

/** Groups a role is limited to; null or absent means the whole tenant. */
export const ScopeGroupIds = Nullable(List(Id, { maxItems: 100, description: 'Limit the role to members of these groups; null for the whole tenant.' }));

/** One role held by an admin. */
export const RoleAssignment = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  role: Role,
  scopeGroupIds: Nullable(List(Type.String())),
  createdAt: DateTime,
});

/** An admin: a directory user and the roles they hold. */
export const Admin = Type.Object({ user: User, roles: List(RoleAssignment) });

/** Every admin of the tenant; the list is whole, so `nextCursor` is always null. */
export const AdminList = Type.Object({ items: List(Admin), nextCursor: Type.Null() });

/** The body of `POST /admins`. */
export const CreateAdminBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254, description: 'An existing directory user, or a new one.' }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Role,
    scopeGroupIds: Type.Optional(ScopeGroupIds),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'Omit to have Ward generate one, returned once.' })),
  },
  { additionalProperties: false },
);

/** The answer of `POST /admins`. */
export const CreatedAdmin = Type.Object({
  user: User,
  assignment: RoleAssignment,
  generatedPassword: Nullable(Type.String({ description: 'The generated password, shown this once; null when one was given or the user had one.' })),
});

/** The body of `POST /admins/:userId/roles`. */
export const AssignRoleBody = Type.Object({ role: Role, scopeGroupIds: Type.Optional(ScopeGroupIds) }, { additionalProperties: false });

/** Path parameters naming an admin. */
export const AdminParams = Type.Object({ userId: Id }, { additionalProperties: false });

/** Path parameters naming one role assignment of an admin. */
export const AssignmentParams = Type.Object({ userId: Id, assignmentId: Id }, { additionalProperties: false });
