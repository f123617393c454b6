import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { holdsTenantWide } from './authorize.js';
import type { AccessToken } from './model.js';
import type { AccessTokenStore } from './ports.js';

/** API tokens without their hashes: all of them for a global admin, otherwise the caller's own. */
export async function listApiTokens(deps: Deps<Pick<AccessTokenStore, 'listAccessTokens'>>, principal: Principal): Promise<Result<readonly Omit<AccessToken, 'secretHash'>[], ErrorCode>> {
  if (principal.userId === null && !holdsTenantWide(principal, 'admins.manage')) return fail('FORBIDDEN', 'Only admins have tokens.');
  const all = await deps.stores.listAccessTokens(principal.tenantId, 'api');
  const visible = holdsTenantWide(principal, 'admins.manage') ? all : all.filter((t) => t.userId === principal.userId);
  return ok(visible.map(({ secretHash: _h, ...t }) => t));
}
