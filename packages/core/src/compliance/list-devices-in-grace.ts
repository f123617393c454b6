import type { Platform } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import { authorize } from '../directory/authorize.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { CompliancePolicyId } from './model.js';
import type { ComplianceReportStore, CompliancePolicyStore } from './ports.js';

export type ListDevicesInGraceStores = Pick<ComplianceReportStore, 'listRecordsInGrace'> & Pick<CompliancePolicyStore, 'listAllCompliancePolicies'> & Pick<DeviceStore, 'getDevices'>;

/** A device in its grace period for one policy, with its deadline. */
export interface DeviceInGrace {
  readonly deviceId: DeviceId;
  readonly deviceName: string;
  readonly platform: Platform;
  readonly policyId: CompliancePolicyId;
  readonly policyName: string;
  readonly failingSince: Date;
  /** When the device becomes noncompliant unless fixed. */
  readonly deadline: Date;
  /** The rules it fails, by id and title. */
  readonly failedRules: readonly { readonly ruleId: string; readonly title: string }[];
}

/** A request for a page of devices in grace. */
export interface ListDevicesInGraceInput {
  readonly policyId?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * Devices in their grace period, soonest deadline first: who will turn noncompliant, when, and
 * why. One keyset page over the store's (grace deadline, device, policy) index.
 */
export async function listDevicesInGrace(deps: Deps<ListDevicesInGraceStores>, principal: Principal, input: ListDevicesInGraceInput = {}): Promise<Result<Page<DeviceInGrace>, ErrorCode>> {
  const scope = authorize(principal, 'policy.read');
  if (!scope.ok) return scope;
  if (input.policyId !== undefined && (input.policyId.length === 0 || input.policyId.length > 64)) return fail('INVALID_FILTER', 'policyId must be 1 to 64 characters.', { field: 'policyId' });
  const tenantId = principal.tenantId;
  const page = await deps.stores.listRecordsInGrace(
    tenantId,
    { ...(input.policyId === undefined ? {} : { policyId: input.policyId as CompliancePolicyId }), ...(scope.value.kind === 'groups' ? { withinGroups: scope.value.groupIds } : {}) },
    { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) },
  );
  const [devices, policies] = await Promise.all([deps.stores.getDevices(tenantId, [...new Set(page.items.map((r) => r.deviceId))]), deps.stores.listAllCompliancePolicies(tenantId)]);
  const deviceById = new Map(devices.map((d) => [d.id, d]));
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const items: DeviceInGrace[] = [];
  for (const r of page.items) {
    const device = deviceById.get(r.deviceId);
    if (device === undefined || r.failingSince === null || r.graceEndsAt === null) continue;
    items.push({
      deviceId: device.id,
      deviceName: device.name,
      platform: device.platform,
      policyId: r.policyId,
      policyName: policyById.get(r.policyId)?.name ?? r.policyId,
      failingSince: r.failingSince,
      deadline: r.graceEndsAt,
      failedRules: r.results.filter((x) => x.outcome === 'failed').map((x) => ({ ruleId: x.ruleId, title: x.title })),
    });
  }
  return ok({ items, nextCursor: page.nextCursor });
}
