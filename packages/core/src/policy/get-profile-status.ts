import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { profileStatuses, type DeviceProfileState, type ProfileId, type ProfileStatus } from './model.js';
import { authorizeTenantWideRead } from './policy-access.js';
import type { DeviceConfigurationStore, ProfileStatusCounts, ProfileStore } from './ports.js';

export type ProfileStatusStores = Pick<ProfileStore, 'getProfile'> & Pick<DeviceConfigurationStore, 'countProfileStates' | 'listProfileStates'> & Pick<DeviceStore, 'getDevices'>;

/** A request for a profile's status. */
export interface GetProfileStatusInput {
  readonly profileId: string;
  /** Only devices in this status. */
  readonly status?: ProfileStatus;
  readonly limit?: number;
  readonly cursor?: string;
}

/** One device's row in a profile's status report. */
export interface ProfileDeviceStatus extends DeviceProfileState {
  /** Null when the device was deleted since. */
  readonly deviceName: string | null;
}

/** A profile's status: counts by status across devices, and one page of devices. */
export interface ProfileStatusReport {
  readonly profileId: ProfileId;
  readonly counts: ProfileStatusCounts;
  readonly devices: Page<ProfileDeviceStatus>;
}

/** Counts of a profile's devices by status, and a page of the devices (keyset by device id). */
export async function getProfileStatus(deps: Deps<ProfileStatusStores>, principal: Principal, input: GetProfileStatusInput): Promise<Result<ProfileStatusReport, ErrorCode>> {
  const allowed = authorizeTenantWideRead(principal);
  if (!allowed.ok) return allowed;
  if (input.status !== undefined && !profileStatuses.includes(input.status)) return fail('INVALID_FILTER', `status must be one of ${profileStatuses.join(', ')}.`, { field: 'status' });
  if (input.cursor !== undefined && (input.cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(input.cursor))) return fail('INVALID_CURSOR', 'The cursor is malformed; start again from the first page.');
  const profile = await deps.stores.getProfile(principal.tenantId, input.profileId as ProfileId);
  if (profile === undefined) return fail('PROFILE_NOT_FOUND', `No profile with id ${input.profileId}.`);
  const counts = await deps.stores.countProfileStates(principal.tenantId, profile.id);
  const page = await deps.stores.listProfileStates(principal.tenantId, profile.id, input.status === undefined ? {} : { status: input.status }, {
    limit: clampLimit(input.limit),
    ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
  });
  const devices = new Map((await deps.stores.getDevices(principal.tenantId, page.items.map((r) => r.deviceId))).map((d) => [d.id as string, d.name]));
  return ok({ profileId: profile.id, counts, devices: { items: page.items.map((r) => ({ ...r, deviceName: devices.get(r.deviceId) ?? null })), nextCursor: page.nextCursor } });
}
