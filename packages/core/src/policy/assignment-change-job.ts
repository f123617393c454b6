import { evaluatePolicyDevicesJob } from '../compliance/compliance-jobs.js';
import type { TenantId } from '../kernel/brand.js';
import type { JobRequest } from '../kernel/events.js';
import { desiredStateJob } from './desired-state-job.js';
import type { Assignment, ProfileId } from './model.js';

/**
 * The background work after an item's assignments changed: profiles recompute desired
 * configuration of the devices concerned, compliance policies re-evaluate theirs. Both jobs read
 * current state and find the devices themselves (those reached now, and those that had the item).
 */
export function assignmentChangeJob(tenantId: TenantId, assignment: Pick<Assignment, 'itemKind' | 'itemId'>): JobRequest {
  return assignment.itemKind === 'profile' ? desiredStateJob(tenantId, { type: 'profile', profileId: assignment.itemId as ProfileId }) : evaluatePolicyDevicesJob(tenantId, assignment.itemId);
}
