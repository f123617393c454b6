import type { AppId } from '../apps/model.js';
import type { AppStore } from '../apps/ports.js';
import type { CompliancePolicyId } from '../compliance/model.js';
import type { CompliancePolicyStore } from '../compliance/ports.js';
import type { GroupStore } from '../directory/ports.js';
import type { TenantId } from '../kernel/brand.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AssignmentFilterRef, AssignmentTarget, ProfileId } from './model.js';
import type { AssignmentFilterStore, ProfileStore } from './ports.js';

export type AssignmentReferenceStores = Pick<ProfileStore, 'getProfile'> &
  Pick<CompliancePolicyStore, 'getCompliancePolicy'> &
  Pick<AppStore, 'getApp'> &
  Pick<GroupStore, 'getGroup'> &
  Pick<AssignmentFilterStore, 'getAssignmentFilter'>;

/** What an assignment's item is, as far as checking its references needs. */
export interface AssignedItem {
  readonly name: string;
  readonly platforms: readonly string[];
}

/**
 * Checks what an assignment points at: the item (ASSIGNMENT_ITEM_NOT_FOUND), the target group
 * (ASSIGNMENT_GROUP_NOT_FOUND) and the filter (ASSIGNMENT_FILTER_NOT_FOUND). A filter written for
 * one platform cannot narrow an item that never reaches that platform (ASSIGNMENT_FILTER_INVALID).
 */
export async function checkAssignmentReferences(
  stores: AssignmentReferenceStores,
  tenantId: TenantId,
  assignment: { readonly itemKind: string; readonly itemId: string; readonly target: AssignmentTarget; readonly filter: AssignmentFilterRef | null },
): Promise<Result<AssignedItem, ErrorCode>> {
  const item: AssignedItem | undefined =
    assignment.itemKind === 'profile'
      ? await stores.getProfile(tenantId, assignment.itemId as ProfileId)
      : assignment.itemKind === 'app'
        ? await stores.getApp(tenantId, assignment.itemId as AppId)
        : await stores.getCompliancePolicy(tenantId, assignment.itemId as CompliancePolicyId);
  const noun = assignment.itemKind === 'profile' ? 'profile' : assignment.itemKind === 'app' ? 'app' : 'compliance policy';
  if (item === undefined) return fail('ASSIGNMENT_ITEM_NOT_FOUND', `No ${noun} with id ${assignment.itemId}.`, { field: 'itemId' });
  if (assignment.target.type === 'group' && (await stores.getGroup(tenantId, assignment.target.groupId)) === undefined) {
    return fail('ASSIGNMENT_GROUP_NOT_FOUND', `No group with id ${assignment.target.groupId}.`, { field: 'target.groupId' });
  }
  if (assignment.filter !== null) {
    const filter = await stores.getAssignmentFilter(tenantId, assignment.filter.filterId);
    if (filter === undefined) return fail('ASSIGNMENT_FILTER_NOT_FOUND', `No assignment filter with id ${assignment.filter.filterId}.`, { field: 'filter.filterId' });
    if (filter.platform !== null && !item.platforms.includes(filter.platform)) {
      return fail('ASSIGNMENT_FILTER_INVALID', `Filter ${filter.name} is for ${filter.platform}, which ${item.name} does not target.`, { field: 'filter.filterId' });
    }
  }
  return ok(item);
}
