import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import type { EnrollmentToken } from './model.js';
import type { EnrollmentTokenStore } from './ports.js';

/** One page of enrollment tokens (never their hashes), newest first. */
export async function listEnrollmentTokens(
  deps: Deps<Pick<EnrollmentTokenStore, 'listEnrollmentTokens'>>,
  principal: Principal,
  input: { readonly limit?: number; readonly cursor?: string },
): Promise<Result<Page<Omit<EnrollmentToken, 'secretHash'>>, ErrorCode>> {
  const scope = authorize(principal, 'devices.read');
  if (!scope.ok) return scope;
  const page = await deps.stores.listEnrollmentTokens(principal.tenantId, { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
  return ok({ items: page.items.map(({ secretHash: _h, ...t }) => t), nextCursor: page.nextCursor });
}
