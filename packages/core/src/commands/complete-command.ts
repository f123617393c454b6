import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import type { DeviceIdentityStore } from '../enrollment/ports.js';
import type { EventPublisher } from '../kernel/events.js';
import type { CommandId, CommandRecord } from './model.js';
import type { CommandHistory, CommandQueue } from './ports.js';

/** A device's report of one command. */
export interface ReportedResult {
  readonly commandId: string;
  readonly status: 'succeeded' | 'failed';
  readonly exitCode?: number;
  readonly output?: string;
  readonly outputTruncated?: boolean;
  readonly error?: string;
  readonly finishedAt: string;
}

export type CompleteCommandStores = Pick<CommandQueue, 'getPendingCommand' | 'deletePendingCommand' | 'clearPendingCommands'> &
  Pick<CommandHistory, 'insertCommandRecord' | 'getCommandRecord'> &
  Pick<DeviceStore, 'updateDevice'> &
  Pick<DeviceIdentityStore, 'retireDeviceIdentities'> &
  AuditTrail &
  EventPublisher;

/**
 * Applies one result inside the check-in's transaction, exactly once: the pending command leaves
 * the queue and becomes history. A result that arrives again finds the history row and changes
 * nothing (`duplicate`); a result for a command this device was not sent is `unknown`. A
 * successful retire finishes the device: it is marked retired and its certificates revoked.
 */
export async function completeCommand(s: CompleteCommandStores, device: Device, result: ReportedResult, now: Date): Promise<'applied' | 'duplicate' | 'unknown' | 'retired'> {
  const id = result.commandId as CommandId;
  const pending = await s.getPendingCommand(device.tenantId, id);
  if (pending === undefined || pending.deviceId !== device.id || pending.status !== 'sent') {
    const record = await s.getCommandRecord(device.tenantId, id);
    return record?.deviceId === device.id ? 'duplicate' : 'unknown';
  }
  if (!(await s.deletePendingCommand(device.tenantId, id))) return 'duplicate';
  const details: Record<string, unknown> = { finishedAt: result.finishedAt };
  if (result.exitCode !== undefined) details.exitCode = result.exitCode;
  if (result.output !== undefined) details.output = result.output;
  if (result.outputTruncated === true) details.outputTruncated = true;
  if (result.error !== undefined) details.error = result.error;
  const record: CommandRecord = {
    id,
    tenantId: device.tenantId,
    deviceId: device.id,
    type: pending.type,
    status: result.status,
    result: details,
    requestedBy: pending.requestedBy,
    createdAt: pending.createdAt,
    completedAt: now,
  };
  await s.insertCommandRecord(record);
  const principal = { tenantId: device.tenantId, userId: null, actor: { type: 'device' as const, id: device.id, name: device.name }, grants: [], origin: { via: 'agent' as const } };
  await recordAudit(s, principal, now, 'device.actionCompleted', { type: 'device', id: device.id }, null, { commandId: id, type: pending.type, status: result.status });
  s.publish({ type: 'device.actionCompleted', tenantId: device.tenantId, subject: device.id, data: { commandId: id, status: result.status } });
  if (pending.type === 'retire' && result.status === 'succeeded') {
    await s.updateDevice({ ...device, managementState: 'retired', updatedAt: now });
    await s.retireDeviceIdentities(device.tenantId, device.id, 'revoked', now);
    for (const leftover of await s.clearPendingCommands(device.tenantId, device.id)) {
      await s.insertCommandRecord({ id: leftover.id, tenantId: leftover.tenantId, deviceId: leftover.deviceId, type: leftover.type, status: 'canceled', result: { reason: 'device retired' }, requestedBy: leftover.requestedBy, createdAt: leftover.createdAt, completedAt: now });
    }
    await recordAudit(s, principal, now, 'device.retired', { type: 'device', id: device.id }, { managementState: device.managementState }, { managementState: 'retired' });
    s.publish({ type: 'device.changed', tenantId: device.tenantId, subject: device.id });
    return 'retired';
  }
  return 'applied';
}
