import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppRead } from './app-access.js';
import type { AppId, AppVersion } from './model.js';
import type { AppStore, AppVersionStore } from './ports.js';

/** Every version of an app, newest first; the app's `currentVersionId` names the published one. */
export async function listAppVersions(deps: Deps<Pick<AppStore, 'getApp'> & Pick<AppVersionStore, 'listAppVersions'>>, principal: Principal, appId: string): Promise<Result<readonly AppVersion[], ErrorCode>> {
  const allowed = authorizeAppRead(principal);
  if (!allowed.ok) return allowed;
  const app = await deps.stores.getApp(principal.tenantId, appId as AppId);
  if (app === undefined) return fail('APP_NOT_FOUND', `No app with id ${appId.slice(0, 64)}.`);
  return ok(await deps.stores.listAppVersions(principal.tenantId, app.id));
}
