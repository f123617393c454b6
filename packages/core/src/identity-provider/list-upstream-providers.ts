import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import { viewUpstreamProvider, type UpstreamProviderView } from './model.js';
import type { UpstreamProviderStore } from './ports.js';

/** One page of the tenant's upstream identity providers (never their secrets), oldest first. Needs `directory.read`. */
export async function listUpstreamProviders(
  deps: Pick<Deps<Pick<UpstreamProviderStore, 'listUpstreamProviders'>>, 'stores'>,
  principal: Principal,
  input: { readonly limit?: number; readonly cursor?: string },
): Promise<Result<Page<UpstreamProviderView>, ErrorCode>> {
  const scope = authorize(principal, 'directory.read');
  if (!scope.ok) return scope;
  const page = await deps.stores.listUpstreamProviders(principal.tenantId, { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
  return ok({ items: page.items.map(viewUpstreamProvider), nextCursor: page.nextCursor });
}
