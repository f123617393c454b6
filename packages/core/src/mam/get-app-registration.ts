import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { viewOf } from './app-registration-view.js';
import { findAppRegistration, type FindAppRegistrationStores } from './find-app-registration.js';
import type { AppRegistrationView } from './model.js';

/** One app registration (without its key share), for admins holding `devices.read` over its user. */
export async function getAppRegistration(deps: Deps<FindAppRegistrationStores>, principal: Principal, id: string): Promise<Result<AppRegistrationView, ErrorCode>> {
  const found = await findAppRegistration(deps.stores, principal, 'devices.read', id);
  return found.ok ? ok(viewOf(found.value)) : found;
}
