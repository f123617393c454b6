import type { DeviceId, GroupId, TenantId } from '../kernel/brand.js';
import type { JobRequest } from '../kernel/events.js';
import { desiredStateChangeOf } from '../policy/desired-state-job.js';
import type { AssignmentFilterId } from '../policy/model.js';
import type { AppId } from './model.js';

/** The job kind that recomputes the desired apps of devices after a change. */
export const appDesiredStateJobKind = 'apps.recomputeDesiredApps';

/**
 * What changed, and so which devices to recompute. Group, filter and device changes are the
 * policy desired-state job's (`DesiredStateChange`): the server runs this recomputation for them
 * too, so every place that already enqueues that job reaches apps without knowing of them.
 */
export type AppDesiredStateChange =
  | { readonly type: 'app'; readonly appId: AppId }
  | { readonly type: 'filter'; readonly filterId: AssignmentFilterId }
  | { readonly type: 'group'; readonly groupId: GroupId }
  | { readonly type: 'devices'; readonly deviceIds: readonly DeviceId[] };

/**
 * The job request after an app, its versions or its assignments changed. Changes to one app
 * collapse while a job for it waits: the job reads current state.
 */
export function appDesiredStateJob(tenantId: TenantId, appId: AppId): JobRequest {
  return { kind: appDesiredStateJobKind, tenantId, payload: { type: 'app', appId }, uniqueKey: `${appDesiredStateJobKind}:${tenantId}:app:${appId}` };
}

/** The change a job payload describes (this job's, or the policy desired-state job's); undefined for a malformed payload. */
export function appDesiredStateChangeOf(payload: Readonly<Record<string, unknown>>): AppDesiredStateChange | undefined {
  if (payload.type === 'app') {
    const id = payload.appId;
    return typeof id === 'string' && id.length > 0 && id.length <= 64 ? { type: 'app', appId: id as AppId } : undefined;
  }
  const change = desiredStateChangeOf(payload);
  return change === undefined || change.type === 'profile' ? undefined : change;
}
