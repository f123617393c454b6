import type { Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import type { TenantId, UserId } from '../kernel/brand.js';
import type { GroupMemberType, User } from './model.js';
import type { UserStore } from './ports.js';

/** A possible member of a group: a user, or a device with its primary user. */
export interface Candidate {
  readonly memberId: string;
  readonly user: User | undefined;
  readonly device: Device | undefined;
}

/**
 * Walks every user or device of a tenant in pages, handing each page to `visit`; stops early when
 * `visit` returns false. Devices come with their primary users, fetched once per page.
 */
export async function forEachCandidate(
  stores: Pick<UserStore, 'listUsers' | 'getUsers'> & Pick<DeviceStore, 'listDevices'>,
  tenantId: TenantId,
  memberType: GroupMemberType,
  visit: (candidates: readonly Candidate[]) => boolean | Promise<boolean>,
  pageSize = 1000,
): Promise<void> {
  let cursor: string | undefined;
  for (;;) {
    const request = { limit: pageSize, order: 'asc' as const, ...(cursor === undefined ? {} : { cursor }) };
    let candidates: Candidate[];
    let next: string | null;
    if (memberType === 'user') {
      const page = await stores.listUsers(tenantId, {}, { ...request, sort: 'createdAt' });
      candidates = page.items.map((user) => ({ memberId: user.id, user, device: undefined }));
      next = page.nextCursor;
    } else {
      const page = await stores.listDevices(tenantId, {}, { ...request, sort: 'enrolledAt' });
      const userIds = [...new Set(page.items.flatMap((d) => (d.primaryUserId === null ? [] : [d.primaryUserId])))];
      const users = new Map<UserId, User>((await stores.getUsers(tenantId, userIds)).map((u) => [u.id, u]));
      candidates = page.items.map((device) => ({ memberId: device.id, device, user: device.primaryUserId === null ? undefined : users.get(device.primaryUserId) }));
      next = page.nextCursor;
    }
    if (!(await visit(candidates)) || next === null) return;
    cursor = next;
  }
}
