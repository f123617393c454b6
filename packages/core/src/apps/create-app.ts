import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppWrite } from './app-access.js';
import type { App, AppIcon, AppId } from './model.js';
import type { AppStore } from './ports.js';
import { decodeAppIcon, validateAppInput } from './validate-app-input.js';

export type CreateAppStores = Pick<AppStore, 'insertApp'> & AuditTrail & EventPublisher;

/**
 * Adds an app to the catalog from untrusted input (`AppInput`). The identifier must be unique in
 * the tenant (APP_IDENTIFIER_TAKEN); a line-of-business app starts without a version
 * (`addAppVersion` publishes one). A new app is assigned to no one, so no device changes yet.
 */
export async function createApp(deps: Deps<CreateAppStores>, principal: Principal, input: unknown): Promise<Result<App, ErrorCode>> {
  const allowed = authorizeAppWrite(principal);
  if (!allowed.ok) return allowed;
  const valid = validateAppInput(input);
  if (!valid.ok) return valid;
  let icon: AppIcon | null = null;
  if (valid.value.icon !== null) {
    const png = decodeAppIcon(valid.value.icon);
    if (!png.ok) return png;
    icon = { png: png.value, sha256: deps.digests.sha256Hex(png.value) };
  }
  const { name, description, publisher, platforms, identifier } = valid.value;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const app = {
      id: deps.ids.newId() as AppId,
      tenantId: principal.tenantId,
      name,
      description,
      publisher,
      identifier,
      platforms,
      iconSha256: icon?.sha256 ?? null,
      currentVersionId: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      kind: valid.value.kind,
      details: valid.value.details,
    } as App;
    if (!(await s.insertApp(app, icon))) return fail('APP_IDENTIFIER_TAKEN', `An app with identifier ${identifier} exists already.`, { field: 'identifier' });
    await recordAudit(s, principal, now, 'app.created', { type: 'app', id: app.id }, null, app);
    s.publish({ type: 'app.changed', tenantId: principal.tenantId, subject: app.id });
    return ok(app);
  });
}
