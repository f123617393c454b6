import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { defaultRestrictions, type EnrollmentRestrictions } from './model.js';
import type { EnrollmentRestrictionsStore } from './ports.js';

/** The tenant's enrollment rules (the defaults until an admin changes them). */
export async function getEnrollmentRestrictions(deps: Deps<Pick<EnrollmentRestrictionsStore, 'getEnrollmentRestrictions'>>, principal: Principal): Promise<Result<EnrollmentRestrictions, ErrorCode>> {
  const scope = authorize(principal, 'devices.read');
  if (!scope.ok) return scope;
  return ok((await deps.stores.getEnrollmentRestrictions(principal.tenantId)) ?? defaultRestrictions(principal.tenantId, new Date(0)));
}
