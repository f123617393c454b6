import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppReport } from './app-access.js';
import type { InstalledAppDevice } from './model.js';
import type { InstalledAppInventory } from './ports.js';

/** Which installed app, and which page of its devices. */
export interface ListInstalledAppDevicesInput {
  /** The exact name as devices report it. */
  readonly name: string;
  /** Only devices with exactly this version. */
  readonly version?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/** The corporate devices that report software of this name (and version), by device id. */
export async function listInstalledAppDevices(
  deps: Deps<Pick<InstalledAppInventory, 'listInstalledAppDevices'>>,
  principal: Principal,
  input: ListInstalledAppDevicesInput,
): Promise<Result<Page<InstalledAppDevice>, ErrorCode>> {
  const allowed = authorizeAppReport(principal);
  if (!allowed.ok) return allowed;
  if (input.name.length === 0 || input.name.length > 500) return fail('INVALID_FILTER', 'The name must have 1–500 characters.', { field: 'name' });
  if (input.version !== undefined && input.version.length > 200) return fail('INVALID_FILTER', 'A version may be at most 200 characters long.', { field: 'version' });
  const app = { name: input.name, ...(input.version === undefined ? {} : { version: input.version }) };
  return ok(await deps.stores.listInstalledAppDevices(principal.tenantId, app, { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) }));
}
