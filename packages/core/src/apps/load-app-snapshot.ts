import type { TenantId } from '../kernel/brand.js';
import { compileFilters, type CompiledFilter } from '../policy/compile-assignment-filter.js';
import type { Assignment } from '../policy/model.js';
import type { AssignmentFilterStore, AssignmentStore } from '../policy/ports.js';
import type { App, AppVersion, AppVersionId } from './model.js';
import type { AppStore, AppVersionStore } from './ports.js';

export type AppSnapshotStores = Pick<AppStore, 'listAllApps'> & Pick<AppVersionStore, 'getAppVersions'> & Pick<AssignmentStore, 'listAssignments'> & Pick<AssignmentFilterStore, 'listAssignmentFilters'>;

/** Everything about a tenant's apps that desired apps depend on, loaded once per run. */
export interface AppSnapshot {
  /** Every app of the tenant by id. */
  readonly apps: ReadonlyMap<string, App>;
  /** The current (published) version of each line-of-business app, by version id. */
  readonly versions: ReadonlyMap<string, AppVersion>;
  /** Every app assignment of the tenant. */
  readonly assignments: readonly Assignment[];
  readonly filters: ReadonlyMap<string, CompiledFilter>;
}

/**
 * Reads a tenant's app assignments, apps, their current versions and the filters once, for many
 * devices. A tenant without app assignments reads nothing more.
 */
export async function loadAppSnapshot(stores: AppSnapshotStores, tenantId: TenantId): Promise<AppSnapshot> {
  // One after another: inside a transaction the store has one connection.
  const assignments = await stores.listAssignments(tenantId, 'app');
  if (assignments.length === 0) return { apps: new Map(), versions: new Map(), assignments, filters: new Map() };
  const apps = await stores.listAllApps(tenantId);
  const current = apps.map((a) => a.currentVersionId).filter((id): id is AppVersionId => id !== null);
  const versions = current.length === 0 ? [] : await stores.getAppVersions(tenantId, current);
  const filters = assignments.some((a) => a.filter !== null) ? compileFilters(await stores.listAssignmentFilters(tenantId)) : new Map<string, CompiledFilter>();
  return { apps: new Map(apps.map((a) => [a.id, a])), versions: new Map(versions.map((v) => [v.id, v])), assignments, filters };
}
