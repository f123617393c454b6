import type { CompliancePolicy, ScheduledComplianceAction } from './model.js';

/** An action to have scheduled for one failing episode. */
export interface PlannedComplianceAction {
  readonly actionId: string;
  readonly kind: ScheduledComplianceAction['kind'];
  readonly dueAt: Date;
}

/**
 * The actions a failure that began at `failingSince` schedules: every action of the policy but
 * `markNoncompliant` (which is the grace period itself, handled by the state machine), each due
 * `afterHours` after the failure began. None when the device is not failing.
 */
export function planComplianceActions(policy: Pick<CompliancePolicy, 'actions'>, failingSince: Date | null): PlannedComplianceAction[] {
  if (failingSince === null) return [];
  const planned: PlannedComplianceAction[] = [];
  for (const action of policy.actions) {
    if (action.kind === 'markNoncompliant') continue;
    planned.push({ actionId: action.id, kind: action.kind, dueAt: new Date(failingSince.getTime() + action.afterHours * 3_600_000) });
  }
  return planned;
}
