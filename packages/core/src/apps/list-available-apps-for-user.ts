import type { DeviceStore } from '../devices/ports.js';
import type { GroupStore } from '../directory/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { compileFilters } from '../policy/compile-assignment-filter.js';
import type { Assignment, AssignmentIntent } from '../policy/model.js';
import type { AssignmentFilterStore, AssignmentStore, AssignmentTargetingStore } from '../policy/ports.js';
import { assignmentApplies } from '../policy/resolve-assigned-items.js';
import { findOwnDevice, selfOf } from '../self-service/own-device.js';
import type { App, AppId } from './model.js';
import type { AppStore } from './ports.js';

export type ListAvailableAppsStores = Pick<AppStore, 'getApps'> &
  Pick<AssignmentStore, 'listAssignments'> &
  Pick<AssignmentFilterStore, 'listAssignmentFilters'> &
  Pick<GroupStore, 'groupsOfMember'> &
  Pick<DeviceStore, 'getDevice'> &
  Pick<AssignmentTargetingStore, 'getAssignmentSubjects'>;

/** Which of the caller's devices the portal is showing, if any. */
export interface ListAvailableAppsInput {
  /** One of the caller's devices: then device groups, filters and the platform count too. */
  readonly deviceId?: string;
}

/**
 * Pure: the ids of the apps offered with `intent` to a user (and, when known, one device): an
 * include assignment of that intent reaches them (all users, a group of the user or of the
 * device, all devices when a device is given) and no exclude assignment of the app does. Without
 * a device, an assignment narrowed by a filter is skipped: a filter judges a device, and an offer
 * that may not apply is not shown. The mam context resolves `availableWithoutEnrollment` with it.
 */
export function appsOfferedTo(
  assignments: readonly Assignment[],
  intent: Extract<AssignmentIntent, 'available' | 'availableWithoutEnrollment'>,
  reached: { readonly userGroupIds: ReadonlySet<string>; readonly applies?: (a: Assignment) => boolean },
): Set<string> {
  const offered = new Set<string>();
  const excluded = new Set<string>();
  for (const a of assignments) {
    if (a.itemKind !== 'app') continue;
    if (a.mode === 'include' && a.intent !== intent) continue;
    let reaches: boolean;
    if (reached.applies !== undefined) reaches = reached.applies(a);
    else if (a.filter !== null && a.mode === 'include') reaches = false;
    else reaches = a.target.type === 'allUsers' || (a.target.type === 'group' && reached.userGroupIds.has(a.target.groupId));
    if (!reaches) continue;
    (a.mode === 'include' ? offered : excluded).add(a.itemId);
  }
  for (const id of excluded) offered.delete(id);
  return offered;
}

/**
 * The apps the portal offers the signed-in person: apps assigned as `available` to them, by name.
 * Given one of their devices, device groups and filters count and only apps for its platform are
 * listed. Someone else's device is DEVICE_NOT_FOUND; API tokens are refused (FORBIDDEN).
 */
export async function listAvailableAppsForUser(deps: Deps<ListAvailableAppsStores>, principal: Principal, input: ListAvailableAppsInput = {}): Promise<Result<readonly App[], ErrorCode>> {
  const s = deps.stores;
  let offered: Set<string>;
  let platform: App['platforms'][number] | undefined;
  if (input.deviceId !== undefined) {
    const device = await findOwnDevice(s, principal, input.deviceId);
    if (!device.ok) return device;
    platform = device.value.platform;
    const assignments = await s.listAssignments(principal.tenantId, 'app');
    if (assignments.length === 0) return ok([]);
    const [subject] = await s.getAssignmentSubjects(principal.tenantId, [device.value.id]);
    if (subject === undefined) return ok([]);
    const filters = compileFilters(await s.listAssignmentFilters(principal.tenantId));
    const now = deps.clock.now();
    offered = appsOfferedTo(assignments, 'available', { userGroupIds: subject.groupIds, applies: (a) => assignmentApplies(a, subject, filters, now) });
  } else {
    const self = selfOf(principal);
    if (!self.ok) return self;
    const assignments = await s.listAssignments(principal.tenantId, 'app');
    if (assignments.length === 0) return ok([]);
    const groups = await s.groupsOfMember(principal.tenantId, { memberType: 'user', memberId: self.value });
    offered = appsOfferedTo(assignments, 'available', { userGroupIds: new Set(groups) });
  }
  if (offered.size === 0) return ok([]);
  const apps = await s.getApps(principal.tenantId, [...offered] as AppId[]);
  return ok(apps.filter((a) => platform === undefined || a.platforms.includes(platform)).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)));
}
