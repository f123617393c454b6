import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppReport } from './app-access.js';
import type { InstalledAppSummary } from './model.js';
import type { InstalledAppFilter, InstalledAppInventory } from './ports.js';

/** A request for a page of the fleet's installed software. */
export interface SearchInstalledAppsInput {
  readonly q?: string;
  readonly version?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * The installed software corporate devices report, across the fleet: each name and version with
 * how many devices have it, by name (`q`: case-insensitive substring; `version`: exact). Personal
 * devices report only managed apps and their lists are not stored, so they are not counted.
 */
export async function searchInstalledApps(deps: Deps<Pick<InstalledAppInventory, 'searchInstalledApps'>>, principal: Principal, input: SearchInstalledAppsInput = {}): Promise<Result<Page<InstalledAppSummary>, ErrorCode>> {
  const allowed = authorizeAppReport(principal);
  if (!allowed.ok) return allowed;
  if (input.q !== undefined && input.q.length > 200) return fail('INVALID_FILTER', 'A search may be at most 200 characters long.', { field: 'q' });
  if (input.version !== undefined && input.version.length > 200) return fail('INVALID_FILTER', 'A version may be at most 200 characters long.', { field: 'version' });
  const filter: InstalledAppFilter = { ...(input.q === undefined || input.q === '' ? {} : { q: input.q }), ...(input.version === undefined ? {} : { version: input.version }) };
  return ok(await deps.stores.searchInstalledApps(principal.tenantId, filter, { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) }));
}
