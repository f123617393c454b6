import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AssignmentStore } from '../policy/ports.js';
import { authorizeAppWrite } from './app-access.js';
import { appDesiredStateJob } from './app-desired-state-job.js';
import type { AppId } from './model.js';
import type { AppStore, AppVersionStore } from './ports.js';

export type DeleteAppStores = Pick<AppStore, 'getApp' | 'deleteApp'> & Pick<AppVersionStore, 'listAppVersions'> & Pick<AssignmentStore, 'deleteAssignmentsOfItem'> & AuditTrail & EventPublisher & JobEnqueuer;

/** What a deletion removed: the package files the adapter may now delete (if no other version uses them). */
export interface DeletedApp {
  readonly deleted: true;
  /** Assignments removed with the app. */
  readonly assignments: number;
  /** Hex SHA-256 of each removed version's package (content-addressed blobs). */
  readonly packageSha256s: readonly string[];
}

/**
 * Deletes an app with its versions and assignments, as Intune does (it does not make the admin
 * remove assignments first): devices where Ward installed the app are told to remove it at their
 * next check-in (their rows turn into removals in the background, keeping what was installed so
 * the removal still knows the package), and rows of devices that never had it are dropped.
 */
export async function deleteApp(deps: Deps<DeleteAppStores>, principal: Principal, id: string): Promise<Result<DeletedApp, ErrorCode>> {
  const allowed = authorizeAppWrite(principal);
  if (!allowed.ok) return allowed;
  return deps.tx.transaction(async (s) => {
    const app = await s.getApp(principal.tenantId, id as AppId);
    if (app === undefined) return fail('APP_NOT_FOUND', `No app with id ${id.slice(0, 64)}.`);
    const versions = await s.listAppVersions(principal.tenantId, app.id);
    const assignments = await s.deleteAssignmentsOfItem(principal.tenantId, 'app', app.id);
    await s.deleteApp(principal.tenantId, app.id);
    await recordAudit(s, principal, deps.clock.now(), 'app.deleted', { type: 'app', id: app.id }, { ...app, assignments, versions: versions.map((v) => v.version) }, null);
    s.publish({ type: 'app.changed', tenantId: principal.tenantId, subject: app.id });
    await s.enqueue(appDesiredStateJob(principal.tenantId, app.id));
    return ok({ deleted: true as const, assignments, packageSha256s: [...new Set(versions.map((v) => v.sha256))] });
  });
}
