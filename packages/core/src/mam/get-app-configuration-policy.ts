import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { findAppConfigurationPolicy } from './find-mam-policy.js';
import type { AppConfigurationPolicy } from './model.js';
import type { AppConfigurationPolicyStore } from './ports.js';

/** One app configuration policy. */
export async function getAppConfigurationPolicy(deps: Deps<Pick<AppConfigurationPolicyStore, 'getAppConfigurationPolicy'>>, principal: Principal, id: string): Promise<Result<AppConfigurationPolicy, ErrorCode>> {
  return findAppConfigurationPolicy(deps.stores, principal, 'policy.read', id);
}
