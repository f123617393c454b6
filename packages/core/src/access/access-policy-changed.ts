import type { TenantId } from '../kernel/brand.js';
import type { DomainEvent } from '../kernel/events.js';
import type { AccessPolicyId } from './model.js';

/**
 * The event that tells decision caches to compile the tenant's policies again. Published after
 * the change commits, on PostgreSQL to every server process.
 */
export const accessPolicyChangedEvent = 'accessPolicy.changed';

/** The event of a change to one policy. */
export function accessPolicyChanged(tenantId: TenantId, id: AccessPolicyId): DomainEvent {
  return { type: accessPolicyChangedEvent, tenantId, subject: id };
}
