import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { findCompliancePolicy } from './find-compliance-policy.js';
import type { CompliancePolicyView } from './model.js';
import type { CompliancePolicyStore } from './ports.js';
import { redactCompliancePolicy } from './redact-compliance-policy.js';

/** One compliance policy, webhook secrets withheld. */
export async function getCompliancePolicy(deps: Deps<Pick<CompliancePolicyStore, 'getCompliancePolicy'>>, principal: Principal, id: string): Promise<Result<CompliancePolicyView, ErrorCode>> {
  const found = await findCompliancePolicy(deps.stores, principal, 'policy.read', id);
  if (!found.ok) return found;
  return ok(redactCompliancePolicy(found.value));
}
