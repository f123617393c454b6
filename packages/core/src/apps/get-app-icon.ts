import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppRead } from './app-access.js';
import type { AppIcon, AppId } from './model.js';
import type { AppStore } from './ports.js';

/** An app's icon (PNG bytes and their hash, for an ETag); NOT_FOUND when the app has none. */
export async function getAppIcon(deps: Deps<Pick<AppStore, 'getApp' | 'getAppIcon'>>, principal: Principal, id: string): Promise<Result<AppIcon, ErrorCode>> {
  const allowed = authorizeAppRead(principal);
  if (!allowed.ok) return allowed;
  const app = await deps.stores.getApp(principal.tenantId, id as AppId);
  if (app === undefined) return fail('APP_NOT_FOUND', `No app with id ${id.slice(0, 64)}.`);
  const icon = app.iconSha256 === null ? undefined : await deps.stores.getAppIcon(principal.tenantId, app.id);
  if (icon === undefined) return fail('NOT_FOUND', `App ${app.name} has no icon.`);
  return ok(icon);
}
