import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { findAccessPolicy } from './find-access-policy.js';
import type { AccessPolicy } from './model.js';
import type { AccessPolicyStore } from './ports.js';

/** One conditional access policy. */
export async function getAccessPolicy(deps: Deps<Pick<AccessPolicyStore, 'getAccessPolicy'>>, principal: Principal, id: string): Promise<Result<AccessPolicy, ErrorCode>> {
  return findAccessPolicy(deps.stores, principal, 'policy.read', id);
}
