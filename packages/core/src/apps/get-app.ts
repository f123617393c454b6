import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppRead } from './app-access.js';
import type { App, AppId } from './model.js';
import type { AppStore } from './ports.js';

/** One app of the catalog (APP_NOT_FOUND for an id of another tenant, as for one that does not exist). */
export async function getApp(deps: Deps<Pick<AppStore, 'getApp'>>, principal: Principal, id: string): Promise<Result<App, ErrorCode>> {
  const allowed = authorizeAppRead(principal);
  if (!allowed.ok) return allowed;
  const app = await deps.stores.getApp(principal.tenantId, id as AppId);
  if (app === undefined) return fail('APP_NOT_FOUND', `No app with id ${id.slice(0, 64)}.`);
  return ok(app);
}
