import type { TenantId } from '../kernel/brand.js';
import type { JobRequest } from '../kernel/events.js';
import type { CompliancePolicyId } from './model.js';

/** The job that re-evaluates every device a compliance policy reaches or has reached. */
export const evaluatePolicyDevicesJobKind = 'compliance.evaluatePolicyDevices';

/**
 * The job request after a policy or its assignments changed; repeated requests while one waits
 * collapse into one (the job reads the policy as it is when it runs).
 */
export function evaluatePolicyDevicesJob(tenantId: TenantId, policyId: CompliancePolicyId | string): JobRequest {
  return { kind: evaluatePolicyDevicesJobKind, tenantId, payload: { policyId }, uniqueKey: `${evaluatePolicyDevicesJobKind}:${tenantId}:${policyId}` };
}

/**
 * The recurring job (any tenant) that moves devices whose state changes with time alone (grace
 * ended, validity expired, a check-in rule lapsed) and then runs the scheduled actions that are due.
 */
export const runDueComplianceJobKind = 'compliance.runDue';

/** How often the recurring job should run: actions are scheduled in hours, so a minute is precise enough. */
export const runDueComplianceEveryMs = 60_000;
