import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { viewUpstreamProvider, type UpstreamProviderId, type UpstreamProviderView } from './model.js';
import type { UpstreamProviderStore } from './ports.js';

/** One upstream identity provider of the tenant, without its secret. Needs `directory.read`. */
export async function getUpstreamProvider(
  deps: Pick<Deps<Pick<UpstreamProviderStore, 'getUpstreamProvider'>>, 'stores'>,
  principal: Principal,
  id: string,
): Promise<Result<UpstreamProviderView, ErrorCode>> {
  const scope = authorize(principal, 'directory.read');
  if (!scope.ok) return scope;
  const provider = await deps.stores.getUpstreamProvider(principal.tenantId, id as UpstreamProviderId);
  if (provider === undefined) return fail('UPSTREAM_PROVIDER_NOT_FOUND', `No upstream identity provider with id ${id}.`);
  return ok(viewUpstreamProvider(provider));
}
