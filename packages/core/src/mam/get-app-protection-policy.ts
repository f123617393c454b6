import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { findAppProtectionPolicy } from './find-mam-policy.js';
import type { AppProtectionPolicy } from './model.js';
import type { AppProtectionPolicyStore } from './ports.js';

/** One app protection policy. */
export async function getAppProtectionPolicy(deps: Deps<Pick<AppProtectionPolicyStore, 'getAppProtectionPolicy'>>, principal: Principal, id: string): Promise<Result<AppProtectionPolicy, ErrorCode>> {
  return findAppProtectionPolicy(deps.stores, principal, 'policy.read', id);
}
