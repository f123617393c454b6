import type { TenantId, UserId } from './brand.js';
import type { Grant } from '../directory/roles.js';

/** Who is acting. Recorded in the audit trail. */
export interface Actor {
  readonly type: 'user' | 'apiToken' | 'system' | 'device';
  readonly id: string;
  /** A readable name at the time of the act (e-mail, token name, `cli`). */
  readonly name: string;
}

/** Where a request came from. Recorded in the audit trail. */
export interface Origin {
  readonly via: 'api' | 'cli' | 'system' | 'agent';
  readonly ip?: string;
  readonly userAgent?: string;
  readonly requestId?: string;
}

/**
 * The authenticated caller of a use case: tenant, actor and the grants that decide what it may do.
 * Built by an adapter after authentication; use cases authorise against it themselves, so every
 * entry point (API, CLI, jobs) is checked the same way.
 */
export interface Principal {
  readonly tenantId: TenantId;
  readonly actor: Actor;
  /** The directory user behind the actor, if any (a token's owner, a signed-in admin). */
  readonly userId: UserId | null;
  readonly grants: readonly Grant[];
  readonly origin: Origin;
}
