import type { ComplianceAction, CompliancePolicy, CompliancePolicyView } from './model.js';

/**
 * A policy as callers may see it: webhook secrets become null. Use cases return and audit only
 * this form, so a secret never leaves through the API, the audit trail or a policy export.
 */
export function redactCompliancePolicy(policy: CompliancePolicy): CompliancePolicyView {
  return { ...policy, actions: policy.actions.map((a): ComplianceAction<null> => (a.kind === 'notifyWebhook' ? { ...a, secret: null } : a)) };
}
