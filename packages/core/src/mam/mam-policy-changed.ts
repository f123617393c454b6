import type { TenantId } from '../kernel/brand.js';
import type { DomainEvent } from '../kernel/events.js';

/**
 * The event that tells check-in caches to compile the tenant's MAM policies again (a protection or
 * configuration policy was created, changed or deleted). Published after the change commits, on
 * PostgreSQL to every server process.
 */
export const mamPolicyChangedEvent = 'mamPolicy.changed';

/** The event of a change to one MAM policy. */
export function mamPolicyChanged(tenantId: TenantId, kind: 'protection' | 'configuration', id: string): DomainEvent {
  return { type: mamPolicyChangedEvent, tenantId, subject: id, data: { kind } };
}
