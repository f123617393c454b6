import { findDeviceInScope } from '../devices/find-device-in-scope.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import type { ProfileId, ProfileKind, ProfileStatus, SettingReport } from './model.js';
import type { DeviceConfigurationStore, ProfileStore } from './ports.js';

export type DeviceConfigurationStatusStores = Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups'> & Pick<DeviceConfigurationStore, 'listDeviceProfileStates'> & Pick<ProfileStore, 'getProfiles'>;

/** A profile that collides with this one on a setting. */
export interface ConflictingProfile {
  readonly id: ProfileId;
  /** Null when the profile was deleted since. */
  readonly name: string | null;
}

/** Where one profile stands on one device, for people. */
export interface DeviceProfileStatus {
  readonly profileId: ProfileId;
  /** Null when the profile was deleted and the device has yet to confirm its removal. */
  readonly profileName: string | null;
  readonly kind: ProfileKind | null;
  readonly status: ProfileStatus;
  /** Why the profile does not apply (notApplicable), from the server or the device. */
  readonly reason: string | null;
  /** The device's error text (failed). */
  readonly error: string | null;
  /** Settings withheld because of conflicts, with the profiles that collide. */
  readonly conflicts: readonly { readonly settingId: string; readonly profiles: readonly ConflictingProfile[] }[];
  /** Per-setting outcomes the device reported for the version it holds. */
  readonly settings: readonly SettingReport[];
  readonly desiredHash: string | null;
  readonly reportedHash: string | null;
  readonly reportedAt: Date | null;
  readonly desiredAt: Date;
}

/**
 * Every profile on one device with its status: pending, succeeded, failed with the device's
 * error, conflict with the colliding profiles, notApplicable with the reason, or removing.
 * Needs `policy.read` over the device (scoped admins see their own devices).
 */
export async function getDeviceConfigurationStatus(deps: Deps<DeviceConfigurationStatusStores>, principal: Principal, deviceId: string): Promise<Result<readonly DeviceProfileStatus[], ErrorCode>> {
  const found = await findDeviceInScope(deps.stores, principal, 'policy.read', deviceId);
  if (!found.ok) return found;
  const rows = await deps.stores.listDeviceProfileStates(principal.tenantId, [found.value.id]);
  const ids = new Set<ProfileId>();
  for (const row of rows) {
    ids.add(row.profileId);
    for (const c of row.conflicts) for (const id of c.profileIds) ids.add(id);
  }
  const profiles = new Map((await deps.stores.getProfiles(principal.tenantId, [...ids])).map((p) => [p.id as string, p]));
  const statuses = rows.map((row): DeviceProfileStatus => {
    const profile = profiles.get(row.profileId);
    return {
      profileId: row.profileId,
      profileName: profile?.name ?? null,
      kind: profile?.kind ?? null,
      status: row.status,
      reason: row.reason ?? (row.reportedStatus === 'notApplicable' && row.reportedHash === row.desiredHash ? row.error : null),
      error: row.reportedStatus === 'failed' ? row.error : null,
      conflicts: row.conflicts.map((c) => ({ settingId: c.settingId, profiles: c.profileIds.map((id) => ({ id, name: profiles.get(id)?.name ?? null })) })),
      settings: row.settings,
      desiredHash: row.desiredHash,
      reportedHash: row.reportedHash,
      reportedAt: row.reportedAt,
      desiredAt: row.desiredAt,
    };
  });
  return ok(statuses.sort((a, b) => (a.profileName ?? a.profileId).localeCompare(b.profileName ?? b.profileId)));
}
