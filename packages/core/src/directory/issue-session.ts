import type { ApiTokenId, TenantId, UserId } from '../kernel/brand.js';
import type { Digests, Ids } from '../kernel/ports.js';
import { formatAccessToken } from './access-token-text.js';
import type { AccessToken, AccessTokenKind } from './model.js';
import type { Grant } from './roles.js';

/** A token record and the bearer text shown once to its holder. */
export interface IssuedToken {
  readonly token: AccessToken;
  readonly bearer: string;
}

/** Mints a bearer token; only the SHA-256 of its secret is kept. */
export function mintAccessToken(
  ids: Ids,
  digests: Digests,
  fields: { tenantId: TenantId; kind: AccessTokenKind; userId: UserId; name: string; grant: Grant | null; now: Date; expiresAt: Date },
): IssuedToken {
  const id = ids.newId() as ApiTokenId;
  const bearer = formatAccessToken(fields.kind, id, ids.randomBytes(32));
  const secret = bearer.slice(bearer.lastIndexOf('.') + 1);
  return {
    bearer,
    token: {
      id,
      tenantId: fields.tenantId,
      kind: fields.kind,
      userId: fields.userId,
      name: fields.name,
      secretHash: digests.sha256Hex(secret),
      role: fields.grant?.role ?? null,
      scopeGroupIds: fields.grant?.scopeGroupIds ?? null,
      expiresAt: fields.expiresAt,
      revokedAt: null,
      lastUsedAt: null,
      createdAt: fields.now,
    },
  };
}
