import type { Principal } from '../kernel/context.js';
import type { AuditTrail } from './ports.js';
import type { AuditTarget } from './model.js';

/** Appends one audit event for an act of `principal`, inside the caller's transaction. */
export async function recordAudit(
  trail: AuditTrail,
  principal: Principal,
  at: Date,
  action: string,
  target: AuditTarget,
  before: unknown,
  after: unknown,
): Promise<void> {
  await trail.appendAudit({ tenantId: principal.tenantId, action, actor: principal.actor, origin: principal.origin, target, before, after, occurredAt: at });
}
