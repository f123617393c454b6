import type { DeviceId } from '../kernel/brand.js';
import type { DeviceIdPage } from './ports.js';

/** Ids are read in keyset pages of this size. */
const pageSize = 5000;

/** Reads every page of a keyset-paged id list into `into`. */
export async function collectDeviceIds(into: Set<DeviceId>, read: (page: DeviceIdPage) => Promise<readonly DeviceId[]>): Promise<void> {
  let after: DeviceId | undefined;
  for (;;) {
    const ids = await read({ limit: pageSize, ...(after === undefined ? {} : { after }) });
    for (const id of ids) into.add(id);
    if (ids.length < pageSize) return;
    after = ids[ids.length - 1];
  }
}
