import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppWrite } from './app-access.js';
import { appDesiredStateJob } from './app-desired-state-job.js';
import { packageFormatPlatforms, type App, type AppIcon, type AppId } from './model.js';
import type { AppStore, AppVersionStore } from './ports.js';
import { decodeAppIcon, validateAppPatch } from './validate-app-input.js';

export type UpdateAppStores = Pick<AppStore, 'getApp' | 'updateApp'> & Pick<AppVersionStore, 'getAppVersion'> & AuditTrail & EventPublisher & JobEnqueuer;

/**
 * Changes an app's name, description, publisher, platforms, kind details or icon (`AppPatch`);
 * its kind and identifier are what it is. With `expectedVersion`, a change made since the caller
 * read the app is refused (APP_VERSION_CONFLICT). A line-of-business app keeps a platform its
 * published package needs (APP_PACKAGE_PLATFORM_MISMATCH otherwise). Devices that have or should
 * have the app are recomputed in the background.
 */
export async function updateApp(deps: Deps<UpdateAppStores>, principal: Principal, id: string, patch: unknown): Promise<Result<App, ErrorCode>> {
  const allowed = authorizeAppWrite(principal);
  if (!allowed.ok) return allowed;
  return deps.tx.transaction(async (s) => {
    const before = await s.getApp(principal.tenantId, id as AppId);
    if (before === undefined) return fail('APP_NOT_FOUND', `No app with id ${id.slice(0, 64)}.`);
    const valid = validateAppPatch(patch, before);
    if (!valid.ok) return valid;
    const { expectedVersion } = valid.value;
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      return fail('APP_VERSION_CONFLICT', `App ${before.name} changed since version ${expectedVersion} (it is at ${before.version}); read it again.`, { currentVersion: before.version });
    }
    if (before.currentVersionId !== null) {
      const current = await s.getAppVersion(principal.tenantId, before.currentVersionId);
      if (current !== undefined && !packageFormatPlatforms[current.format].some((p) => valid.value.platforms.includes(p))) {
        return fail('APP_PACKAGE_PLATFORM_MISMATCH', `The published ${current.format} package of ${before.name} installs on ${packageFormatPlatforms[current.format].join(', ')}; keep that platform.`, { field: 'platforms' });
      }
    }
    let icon: AppIcon | null | undefined;
    if (valid.value.icon === null) icon = null;
    else if (valid.value.icon !== undefined) {
      const png = decodeAppIcon(valid.value.icon);
      if (!png.ok) return png;
      icon = { png: png.value, sha256: deps.digests.sha256Hex(png.value) };
    }
    const now = deps.clock.now();
    const after = {
      ...before,
      name: valid.value.name,
      description: valid.value.description,
      publisher: valid.value.publisher,
      platforms: valid.value.platforms,
      details: valid.value.details,
      iconSha256: icon === undefined ? before.iconSha256 : (icon?.sha256 ?? null),
      version: before.version + 1,
      updatedAt: now,
    } as App;
    if (!(await s.updateApp(after, icon))) return fail('APP_VERSION_CONFLICT', `App ${before.name} was changed by someone else meanwhile; read it again.`);
    await recordAudit(s, principal, now, 'app.updated', { type: 'app', id: after.id }, before, after);
    s.publish({ type: 'app.changed', tenantId: principal.tenantId, subject: after.id });
    if (deliveryChanged(before, after)) await s.enqueue(appDesiredStateJob(principal.tenantId, after.id));
    return ok(after);
  });
}

/** Whether what devices receive may differ: the name and source go into items, platforms decide applicability. */
function deliveryChanged(a: App, b: App): boolean {
  return a.name !== b.name || a.platforms.join() !== b.platforms.join() || JSON.stringify(a.details) !== JSON.stringify(b.details);
}
