import type { DeviceId, GroupId, TenantId } from '../kernel/brand.js';
import type { JobRequest } from '../kernel/events.js';
import type { AssignmentFilterId, ProfileId } from './model.js';

/** The job kind that recomputes desired configuration after a policy change. */
export const desiredStateJobKind = 'policy.recomputeDesiredState';

/** What changed, and so which devices to recompute. */
export type DesiredStateChange =
  | { readonly type: 'profile'; readonly profileId: ProfileId }
  | { readonly type: 'filter'; readonly filterId: AssignmentFilterId }
  | { readonly type: 'group'; readonly groupId: GroupId }
  | { readonly type: 'devices'; readonly deviceIds: readonly DeviceId[] };

/**
 * The job request for a change. Changes to one profile, filter or group collapse while a job for
 * it waits: the job reads current state, so one run covers every edit made before it starts.
 */
export function desiredStateJob(tenantId: TenantId, change: DesiredStateChange): JobRequest {
  switch (change.type) {
    case 'profile':
      return { kind: desiredStateJobKind, tenantId, payload: change, uniqueKey: `${desiredStateJobKind}:${tenantId}:profile:${change.profileId}` };
    case 'filter':
      return { kind: desiredStateJobKind, tenantId, payload: change, uniqueKey: `${desiredStateJobKind}:${tenantId}:filter:${change.filterId}` };
    case 'group':
      return { kind: desiredStateJobKind, tenantId, payload: change, uniqueKey: `${desiredStateJobKind}:${tenantId}:group:${change.groupId}` };
    case 'devices':
      return { kind: desiredStateJobKind, tenantId, payload: { type: 'devices', deviceIds: [...change.deviceIds] } };
  }
}

/** The change a job payload describes; undefined for a malformed payload. */
export function desiredStateChangeOf(payload: Readonly<Record<string, unknown>>): DesiredStateChange | undefined {
  const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
  switch (payload.type) {
    case 'profile':
      return str(payload.profileId) ? { type: 'profile', profileId: payload.profileId as ProfileId } : undefined;
    case 'filter':
      return str(payload.filterId) ? { type: 'filter', filterId: payload.filterId as AssignmentFilterId } : undefined;
    case 'group':
      return str(payload.groupId) ? { type: 'group', groupId: payload.groupId as GroupId } : undefined;
    case 'devices':
      return Array.isArray(payload.deviceIds) && payload.deviceIds.every(str) ? { type: 'devices', deviceIds: payload.deviceIds as DeviceId[] } : undefined;
    default:
      return undefined;
  }
}
