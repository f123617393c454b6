import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Page } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import { authorizeMamPolicy } from './find-mam-policy.js';
import { readMamPolicyListInput, type ListMamPoliciesInput } from './list-mam-policies-input.js';
import type { AppConfigurationPolicy } from './model.js';
import type { AppConfigurationPolicyStore } from './ports.js';

/** One page of app configuration policies. */
export async function listAppConfigurationPolicies(deps: Deps<Pick<AppConfigurationPolicyStore, 'listAppConfigurationPolicies'>>, principal: Principal, input: ListMamPoliciesInput): Promise<Result<Page<AppConfigurationPolicy>, ErrorCode>> {
  const allowed = authorizeMamPolicy(principal, 'policy.read');
  if (!allowed.ok) return allowed;
  const read = readMamPolicyListInput(input);
  if (!read.ok) return read;
  return ok(await deps.stores.listAppConfigurationPolicies(principal.tenantId, read.value.filter, read.value.page));
}
