import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { addComplianceDays, complianceDayOf, complianceHistoryPoints, type ComplianceDay, type ComplianceHistoryPoint, type ComplianceHistoryStore } from './compliance-history.js';
import type { CompliancePolicyId } from './model.js';
import type { CompliancePolicyStore } from './ports.js';

/** How many days a history may span; the default is what the console shows first. */
export const complianceHistoryDays = { min: 1, max: 365, default: 30 } as const;

export type GetComplianceHistoryStores = Pick<ComplianceHistoryStore, 'listComplianceSnapshots'> & Pick<CompliancePolicyStore, 'getCompliancePolicy'>;

/** Which history to read. */
export interface GetComplianceHistoryInput {
  /** Days up to and including today (UTC); {@link complianceHistoryDays}. */
  readonly days?: number;
  /** One policy's history (its devices by their state against it); absent for devices overall. */
  readonly policyId?: string;
}

/** A series of daily counts. */
export interface ComplianceHistory {
  readonly fromDay: ComplianceDay;
  readonly toDay: ComplianceDay;
  /** Null for devices overall. */
  readonly policyId: CompliancePolicyId | null;
  readonly policyName: string | null;
  /** One per day from `fromDay` to `toDay`, oldest first; days without a snapshot have nulls. */
  readonly points: readonly ComplianceHistoryPoint[];
}

/**
 * Devices per compliance state per day over the last `days` days, overall or against one policy,
 * from the daily snapshots (`record-compliance-snapshots.ts`): a handful of rows, not a scan of
 * devices or their history.
 *
 * Snapshots count the whole tenant, so an admin whose `policy.read` is scoped to groups is
 * refused (FORBIDDEN) rather than shown counts of devices outside their groups.
 */
export async function getComplianceHistory(deps: Deps<GetComplianceHistoryStores>, principal: Principal, input: GetComplianceHistoryInput = {}): Promise<Result<ComplianceHistory, ErrorCode>> {
  const scope = authorize(principal, 'policy.read');
  if (!scope.ok) return scope;
  if (scope.value.kind === 'groups') {
    return fail('FORBIDDEN', 'Compliance history counts every device of the tenant; it needs policy.read for the whole tenant, not for some groups.', { permission: 'policy.read' });
  }
  const days = input.days ?? complianceHistoryDays.default;
  if (!Number.isInteger(days) || days < complianceHistoryDays.min || days > complianceHistoryDays.max) {
    return fail('VALIDATION_FAILED', `days must be a whole number from ${complianceHistoryDays.min} to ${complianceHistoryDays.max}.`, { field: 'days' });
  }
  const tenantId = principal.tenantId;
  let policyId: CompliancePolicyId | null = null;
  let policyName: string | null = null;
  if (input.policyId !== undefined) {
    // Ids are at most 64 characters; a longer one cannot name a policy and is not looked up.
    const policy = input.policyId.length > 0 && input.policyId.length <= 64 ? await deps.stores.getCompliancePolicy(tenantId, input.policyId as CompliancePolicyId) : undefined;
    if (policy === undefined) return fail('COMPLIANCE_POLICY_NOT_FOUND', 'No compliance policy has this id.', { policyId: input.policyId });
    policyId = policy.id;
    policyName = policy.name;
  }
  const toDay = complianceDayOf(deps.clock.now());
  const fromDay = addComplianceDays(toDay, 1 - days);
  const snapshots = await deps.stores.listComplianceSnapshots(tenantId, { policyId, fromDay, toDay });
  return ok({ fromDay, toDay, policyId, policyName, points: complianceHistoryPoints(snapshots, fromDay, toDay) });
}
