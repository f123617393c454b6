import type { AuditEventId, TenantId } from '../kernel/brand.js';
import type { Actor, Origin } from '../kernel/context.js';

/** What an audit event is about. */
export interface AuditTarget {
  readonly type: string;
  readonly id: string;
}

/** An audit event before it is sealed into the chain. */
export interface AuditDraft {
  readonly tenantId: TenantId;
  /** `noun.verb` in the past tense: `user.created`, `group.membersAdded`, `apiToken.revoked`. */
  readonly action: string;
  readonly actor: Actor;
  readonly origin: Origin;
  readonly target: AuditTarget;
  /** The target's state before and after; null where it did not exist. Secrets are never included. */
  readonly before: unknown;
  readonly after: unknown;
  readonly occurredAt: Date;
}

/**
 * A sealed, append-only audit event. `hash` covers the event and the previous event's hash, so
 * changing or removing any row breaks the chain from that row on.
 */
export interface AuditEvent extends AuditDraft {
  readonly id: AuditEventId;
  /** 1, 2, 3… within the tenant. */
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}
