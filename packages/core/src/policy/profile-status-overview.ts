import type { Platform } from '../devices/model.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { profileStatuses, type ProfileId, type ProfileKind } from './model.js';
import { authorizeTenantWideRead } from './policy-access.js';
import type { DeviceConfigurationStore, ProfileStatusCounts, ProfileStore } from './ports.js';

export type ProfileStatusOverviewStores = Pick<ProfileStore, 'listAllProfiles'> & Pick<DeviceConfigurationStore, 'countAllProfileStates'>;

/** One profile's line in the overview. */
export interface ProfileStatusLine {
  readonly profileId: ProfileId;
  readonly name: string;
  readonly kind: ProfileKind;
  readonly platforms: readonly Platform[];
  /** Devices that have the profile in their desired state (or are removing it). */
  readonly total: number;
  readonly counts: ProfileStatusCounts;
}

const noDevices: ProfileStatusCounts = Object.fromEntries(profileStatuses.map((s) => [s, 0])) as Record<(typeof profileStatuses)[number], number>;

/**
 * Every profile of the tenant with its devices counted by status, by name: the configuration
 * report beside the compliance overview. Two queries whatever the fleet's size (the counts are
 * one GROUP BY). Tenant-wide, so admins scoped to groups read status per device instead.
 */
export async function profileStatusOverview(deps: Deps<ProfileStatusOverviewStores>, principal: Principal): Promise<Result<readonly ProfileStatusLine[], ErrorCode>> {
  const allowed = authorizeTenantWideRead(principal);
  if (!allowed.ok) return allowed;
  const profiles = await deps.stores.listAllProfiles(principal.tenantId);
  const counts = await deps.stores.countAllProfileStates(principal.tenantId);
  const lines = profiles.map((p): ProfileStatusLine => {
    const c = counts.get(p.id) ?? noDevices;
    return { profileId: p.id, name: p.name, kind: p.kind, platforms: p.platforms, total: profileStatuses.reduce((sum, s) => sum + c[s], 0), counts: c };
  });
  return ok(lines.sort((a, b) => a.name.localeCompare(b.name)));
}
