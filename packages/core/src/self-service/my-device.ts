import type { ComplianceState, Device, ManagementState, Ownership, Platform } from '../devices/model.js';
import type { DeviceId } from '../kernel/brand.js';

/**
 * A device as its owner sees it in the portal: what it is and where it stands, without the facts
 * and inventory admins read.
 */
export interface MyDevice {
  readonly id: DeviceId;
  readonly name: string;
  readonly platform: Platform;
  readonly ownership: Ownership;
  readonly managementState: ManagementState;
  readonly complianceState: ComplianceState;
  readonly model: string | null;
  readonly manufacturer: string | null;
  readonly serialNumber: string | null;
  readonly osVersion: string | null;
  readonly enrolledAt: Date;
  readonly lastSeenAt: Date | null;
}

/** The owner's view of a device record. */
export function myDeviceOf(device: Device): MyDevice {
  const { id, name, platform, ownership, managementState, complianceState, model, manufacturer, serialNumber, osVersion, enrolledAt, lastSeenAt } = device;
  return { id, name, platform, ownership, managementState, complianceState, model, manufacturer, serialNumber, osVersion, enrolledAt, lastSeenAt };
}
