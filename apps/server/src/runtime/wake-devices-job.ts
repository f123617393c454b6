import type { JobEnqueuer, TenantId } from '@ward/core';

/**
 * A job that publishes `device.wake` for some devices in the server process that runs it. On
 * SQLite the event bus reaches only its own process, so a wake-up published by a CLI command
 * (`ward device action`) would never reach the push sockets the server holds; the job table is
 * shared, and the server's job runner polls it every second. On PostgreSQL, NOTIFY already
 * carries events between processes and this job is not used.
 */
export const wakeDevicesJobKind = 'devices.wake';

/** At most this many device ids per job, to keep job payloads small. */
const idsPerJob = 1000;

/** Enqueues wake-up jobs for `deviceIds` (batched). */
export async function enqueueWakeDevices(jobs: JobEnqueuer, tenantId: TenantId, deviceIds: readonly string[]): Promise<void> {
  for (let i = 0; i < deviceIds.length; i += idsPerJob) {
    await jobs.enqueue({ kind: wakeDevicesJobKind, tenantId, payload: { deviceIds: deviceIds.slice(i, i + idsPerJob) } });
  }
}

/** The device ids of a wake job's payload; malformed entries are dropped. */
export function wakeDeviceIdsOf(payload: Readonly<Record<string, unknown>>): string[] {
  const ids = payload.deviceIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
