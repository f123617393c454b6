import { appDesiredStateJob } from '../apps/app-desired-state-job.js';
import type { AppId } from '../apps/model.js';
import { evaluatePolicyDevicesJob } from '../compliance/compliance-jobs.js';
import type { TenantId } from '../kernel/brand.js';
import type { JobRequest } from '../kernel/events.js';
import { desiredStateJob } from './desired-state-job.js';
import type { Assignment, ProfileId } from './model.js';

/**
 * The background work after an item's assignments changed: profiles recompute desired
 * configuration of the devices concerned, apps their desired apps, compliance policies re-evaluate theirs. Both jobs read
 * current state and find the devices themselves (those reached now, and those that had the item).
 */
export function assignmentChangeJob(tenantId: TenantId, assignment: Pick<Assignment, 'itemKind' | 'itemId'>): JobRequest {
  switch (assignment.itemKind) {
    case 'profile':
      return desiredStateJob(tenantId, { type: 'profile', profileId: assignment.itemId as ProfileId });
    case 'app':
      return appDesiredStateJob(tenantId, assignment.itemId as AppId);
    case 'compliancePolicy':
      return evaluatePolicyDevicesJob(tenantId, assignment.itemId);
  }
}
