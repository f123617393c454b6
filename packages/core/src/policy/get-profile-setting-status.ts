import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { ProfileId } from './model.js';
import { authorizeTenantWideRead } from './policy-access.js';
import type { DeviceConfigurationStore, ProfileStore } from './ports.js';
import { findSettingDefinition } from './settings-catalog.js';

export type ProfileSettingStatusStores = Pick<ProfileStore, 'getProfile'> & Pick<DeviceConfigurationStore, 'countSettingStates'>;

/** How one setting of a profile fares across devices. */
export interface SettingStatusRow {
  readonly settingId: string;
  readonly name: string;
  readonly succeeded: number;
  readonly failed: number;
  readonly notApplicable: number;
  /** Devices where the setting is withheld because another profile sets it differently. */
  readonly conflict: number;
}

/** Per setting of a settings profile: devices that applied it, failed it, could not take it, or have it in conflict. */
export async function getProfileSettingStatus(deps: Deps<ProfileSettingStatusStores>, principal: Principal, profileId: string): Promise<Result<readonly SettingStatusRow[], ErrorCode>> {
  const allowed = authorizeTenantWideRead(principal);
  if (!allowed.ok) return allowed;
  const profile = await deps.stores.getProfile(principal.tenantId, profileId as ProfileId);
  if (profile === undefined) return fail('PROFILE_NOT_FOUND', `No profile with id ${profileId}.`);
  if (profile.kind !== 'settings') return fail('PROFILE_KIND_MISMATCH', `Profile ${profile.name} is a ${profile.kind} profile; per-setting status is for settings profiles.`);
  const rows = new Map<string, { succeeded: number; failed: number; notApplicable: number; conflict: number }>();
  for (const id of Object.keys(profile.body.settings)) rows.set(id, { succeeded: 0, failed: 0, notApplicable: 0, conflict: 0 });
  for (const count of await deps.stores.countSettingStates(principal.tenantId, profile.id)) {
    const row = rows.get(count.settingId);
    if (row !== undefined) row[count.status] += count.count;
  }
  return ok([...rows].map(([settingId, counts]) => ({ settingId, name: findSettingDefinition(settingId)?.name ?? settingId, ...counts })));
}
