import { Type } from '@sinclair/typebox';
import { maxTokenDays } from '@ward/core';
import { DateTime, Id, List, Nullable } from './common.js';
import { Role, ScopeGroupIds } from './admins.js';

/** An API token, never with its secret or hash. */
export const ApiToken = Type.Object({
  id: Type.String(),
  userId: Type.String({ description: 'The admin who owns the token.' }),
  name: Type.String(),
  role: Nullable(Role),
  scopeGroupIds: Nullable(List(Type.String())),
  expiresAt: DateTime,
  revokedAt: Nullable(DateTime),
  lastUsedAt: Nullable(DateTime),
  createdAt: DateTime,
});

/** The API tokens visible to the caller; the list is whole, so `nextCursor` is always null. */
export const ApiTokenList = Type.Object({ items: List(ApiToken), nextCursor: Type.Null() });

/** The body of `POST /tokens`. */
export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Role,
    scopeGroupIds: Type.Optional(ScopeGroupIds),
    expiresInDays: Type.Integer({ minimum: 1, maximum: maxTokenDays }),
    ownerUserId: Type.Optional(Type.String({ ...Id, description: 'Whose token it is; defaults to the caller. Only global admins create tokens for others.' })),
  },
  { additionalProperties: false },
);

/** The answer of `POST /tokens`: the record and the bearer text, shown this once. */
export const CreatedToken = Type.Object({
  token: ApiToken,
  bearer: Type.String({ description: 'The secret bearer token. It is not stored and cannot be shown again.' }),
});
