import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { viewRelyingParty, type RelyingPartyId, type RelyingPartyView } from './model.js';
import type { RelyingPartyStore } from './ports.js';

/** One relying party of the tenant, without its secret. Needs `directory.read`. */
export async function getRelyingParty(
  deps: Pick<Deps<Pick<RelyingPartyStore, 'getRelyingParty'>>, 'stores'>,
  principal: Principal,
  id: string,
): Promise<Result<RelyingPartyView, ErrorCode>> {
  const scope = authorize(principal, 'directory.read');
  if (!scope.ok) return scope;
  const party = await deps.stores.getRelyingParty(principal.tenantId, id as RelyingPartyId);
  if (party === undefined) return fail('RELYING_PARTY_NOT_FOUND', `No relying party with id ${id}.`);
  return ok(viewRelyingParty(party));
}
