import type { DeviceId, TenantId, UserId } from '../kernel/brand.js';

export const platforms = ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'] as const;
export type Platform = (typeof platforms)[number];

export const ownerships = ['corporate', 'personal', 'unknown'] as const;
export type Ownership = (typeof ownerships)[number];

export const managementStates = ['enrolled', 'retirePending', 'retired'] as const;
export type ManagementState = (typeof managementStates)[number];

export const complianceStates = ['unknown', 'compliant', 'inGracePeriod', 'noncompliant', 'error', 'notApplicable'] as const;
export type ComplianceState = (typeof complianceStates)[number];

/**
 * Platform-neutral facts every platform adapter normalises its inventory into. Compliance rules,
 * dynamic groups and filters read these, never the raw inventory.
 */
export const factTypes = {
  osVersion: 'string',
  osBuild: 'string',
  encrypted: 'boolean',
  passcodeSet: 'boolean',
  passcodeCompliant: 'boolean',
  jailbroken: 'boolean',
  firewallOn: 'boolean',
  screenLockSeconds: 'number',
  secureBoot: 'boolean',
  supervised: 'boolean',
  totalStorageBytes: 'number',
  freeStorageBytes: 'number',
  memoryBytes: 'number',
  agentVersion: 'string',
} as const;
export type FactName = keyof typeof factTypes;
type FactValue<K extends FactName> = (typeof factTypes)[K] extends 'string' ? string : (typeof factTypes)[K] extends 'number' ? number : boolean;
export type DeviceFacts = { readonly [K in FactName]?: FactValue<K> };

/** A managed device. Personal devices carry no personal inventory (see ARCHITECTURE, security). */
export interface Device {
  readonly id: DeviceId;
  readonly tenantId: TenantId;
  readonly name: string;
  readonly platform: Platform;
  readonly ownership: Ownership;
  readonly managementState: ManagementState;
  readonly complianceState: ComplianceState;
  readonly serialNumber: string | null;
  readonly model: string | null;
  readonly manufacturer: string | null;
  /** Mirrors `facts.osVersion` so it can be filtered and sorted. */
  readonly osVersion: string | null;
  readonly primaryUserId: UserId | null;
  readonly facts: DeviceFacts;
  /** The platform's raw inventory as reported, kept for detail views and audits. */
  readonly inventory: Readonly<Record<string, unknown>>;
  readonly enrolledAt: Date;
  readonly lastSeenAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
