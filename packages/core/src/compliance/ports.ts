import type { ComplianceState, Platform } from '../devices/model.js';
import type { DeviceId, GroupId, TenantId } from '../kernel/brand.js';
import type { Page, PageRequest } from '../kernel/pagination.js';
import type { DeviceIdPage } from '../policy/ports.js';
import type {
  ComplianceActionKey,
  ComplianceActionOutcome,
  ComplianceHistoryEntry,
  CompliancePolicy,
  CompliancePolicyId,
  DeviceComplianceRecord,
  RuleOutcome,
  ScheduledComplianceAction,
} from './model.js';
import type { PlannedComplianceAction } from './plan-compliance-actions.js';

export const compliancePolicySorts = ['name', 'createdAt', 'updatedAt'] as const;
export type CompliancePolicySort = (typeof compliancePolicySorts)[number];

/** Filters of the compliance policy list; all given ones must hold. */
export interface CompliancePolicyFilter {
  /** Case-insensitive substring of the name. */
  readonly q?: string;
  /** Policies whose `platforms` include this one. */
  readonly platform?: Platform;
}

/** Compliance policies, webhook secrets included (the store may encrypt them at rest; core sees plaintext). */
export interface CompliancePolicyStore {
  /** The policy with this id. */
  getCompliancePolicy(tenantId: TenantId, id: CompliancePolicyId): Promise<CompliancePolicy | undefined>;
  /** The policy with this name, compared case-insensitively. */
  getCompliancePolicyByName(tenantId: TenantId, name: string): Promise<CompliancePolicy | undefined>;
  /**
   * Every policy of the tenant, by id. Evaluation reads them once per batch of devices and
   * compiles them once; tenants have tens of policies, not thousands.
   */
  listAllCompliancePolicies(tenantId: TenantId): Promise<readonly CompliancePolicy[]>;
  /** One page of policies (keyset over `sort`, then id). */
  listCompliancePolicies(tenantId: TenantId, filter: CompliancePolicyFilter, page: PageRequest<CompliancePolicySort>): Promise<Page<CompliancePolicy>>;
  /** Adds a policy; false (nothing written) if the name is taken. */
  insertCompliancePolicy(policy: CompliancePolicy): Promise<boolean>;
  /**
   * Replaces a policy whose stored version is `policy.version - 1`; false (nothing written) if the
   * name is taken by another policy or the stored version differs (a concurrent update).
   */
  updateCompliancePolicy(policy: CompliancePolicy): Promise<boolean>;
  /**
   * Removes a policy; false if there was none. Its device records and scheduled actions stay
   * until re-evaluation of those devices removes them (with a history entry each), not by cascade.
   */
  deleteCompliancePolicy(tenantId: TenantId, id: CompliancePolicyId): Promise<boolean>;
}

/** A device × policy pair. */
export interface DevicePolicyKey {
  readonly deviceId: DeviceId;
  readonly policyId: CompliancePolicyId;
}

/**
 * What one device × policy's scheduled actions should be after an evaluation. With `failingSince`
 * null every row of the pair is removed (the device stopped failing, or the policy no longer
 * applies). Otherwise the rows become exactly `actions`: a row already there for the same
 * episode (same `failingSince`) keeps its attempts and done state and, while pending, takes the
 * new `dueAt`; a row of another episode is replaced by a fresh one; rows of actions not listed go.
 */
export interface ComplianceActionPlan {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly policyId: CompliancePolicyId;
  readonly failingSince: Date | null;
  readonly actions: readonly PlannedComplianceAction[];
}

/** A device due for re-evaluation by time alone. */
export interface DueDevice {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
}

/**
 * Per-device compliance: one record per (tenant, device, policy), primary key in that order;
 * per-device history; scheduled actions. Sized for 100,000 devices × tens of policies: writes
 * come in batches of a few hundred devices, reads by device id lists or keyset pages.
 */
export interface DeviceComplianceStore {
  /** Every record of these devices (a few hundred ids per call), in any order. */
  listDeviceComplianceRecords(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<readonly DeviceComplianceRecord[]>;
  /**
   * Inserts records or replaces existing ones (same tenant, device, policy), in bulk: one
   * multi-row `INSERT … ON CONFLICT DO UPDATE` per call, split only for the bound-parameter limit.
   * Rule outcomes must be countable per (policy, rule, outcome) for `countComplianceByRule`.
   */
  putDeviceComplianceRecords(records: readonly DeviceComplianceRecord[]): Promise<void>;
  /** Removes these records of the tenant (bulk); returns how many. */
  deleteDeviceComplianceRecords(tenantId: TenantId, keys: readonly DevicePolicyKey[]): Promise<number>;
  /**
   * Ids of the devices that have a record for this policy, ascending, one keyset page: the
   * devices a change to the policy may touch besides those its assignments reach now.
   */
  listDeviceIdsWithCompliancePolicy(tenantId: TenantId, policyId: CompliancePolicyId, page: DeviceIdPage): Promise<readonly DeviceId[]>;
  /**
   * Up to `limit` distinct devices (any tenant) with a record whose `reevaluateAt` is at or before
   * `at`, earliest first: grace periods ending, validity expiring, check-in rules lapsing. Must be
   * an index range scan on `reevaluate_at`, never a scan of every record.
   */
  listDevicesDueForReevaluation(at: Date, limit: number): Promise<readonly DueDevice[]>;
  /** Appends history entries (state changes), in bulk. */
  appendComplianceHistory(entries: readonly ComplianceHistoryEntry[]): Promise<void>;
  /** One page of a device's history, newest first (keyset on (at, id); the cursor is opaque). */
  listComplianceHistory(tenantId: TenantId, deviceId: DeviceId, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<ComplianceHistoryEntry>>;
  /** Brings scheduled actions in line with these plans (see `ComplianceActionPlan`), in bulk. */
  syncComplianceActions(plans: readonly ComplianceActionPlan[]): Promise<void>;
  /**
   * Claims up to `limit` actions (any tenant) that are not done and due at or before `at`,
   * earliest first: moves each one's `dueAt` to `leaseUntil` and adds 1 to `attempts`, then
   * returns them as they are after the claim. A claimed action is invisible to other runners until
   * its lease ends, so a runner that dies mid-way leaves it to be claimed again. One indexed query
   * on (done, due_at) plus the update (`FOR UPDATE SKIP LOCKED` on PostgreSQL).
   */
  claimDueComplianceActions(at: Date, leaseUntil: Date, limit: number): Promise<readonly ScheduledComplianceAction[]>;
  /**
   * Marks an action done with its outcome, only if it is still pending and still of the episode
   * that began at `failingSince`; false (nothing written) otherwise, so each action is done once.
   */
  completeComplianceAction(key: ComplianceActionKey, failingSince: Date, at: Date, outcome: ComplianceActionOutcome): Promise<boolean>;
  /**
   * Sets a pending action of that episode due again at `dueAt` (after a transient failure);
   * false if it is no longer pending or of another episode.
   */
  retryComplianceAction(key: ComplianceActionKey, failingSince: Date, dueAt: Date): Promise<boolean>;
  /** The scheduled actions of one device, by policy then due time (explain view). */
  listComplianceActionsOfDevice(tenantId: TenantId, deviceId: DeviceId): Promise<readonly ScheduledComplianceAction[]>;
}

/** Restricts a report to the devices of some groups (an admin's scope); absent for the whole tenant. */
export interface ComplianceReportScope {
  readonly withinGroups?: readonly GroupId[];
}

/** Devices of one platform in one state. */
export interface PlatformStateCount {
  readonly platform: Platform;
  readonly state: ComplianceState;
  readonly count: number;
}

/** Devices in one state against one policy. */
export interface PolicyStateCount {
  readonly policyId: CompliancePolicyId;
  readonly state: ComplianceState;
  readonly count: number;
}

/** Devices with one outcome of one rule of one policy. */
export interface RuleOutcomeCount {
  readonly policyId: CompliancePolicyId;
  readonly ruleId: string;
  readonly outcome: RuleOutcome;
  readonly count: number;
}

/** Filters of the devices-in-grace list. */
export interface GraceFilter extends ComplianceReportScope {
  readonly policyId?: CompliancePolicyId;
}

/**
 * Counts and lists for compliance reports, each one `GROUP BY` or one keyset page over indexed
 * columns: a report over 100,000 devices must not load them.
 */
export interface ComplianceReportStore {
  /**
   * Devices (not retired) by `Device.complianceState` and platform: one
   * `GROUP BY platform, compliance_state` over the device table.
   */
  countDevicesByPlatformAndState(tenantId: TenantId, scope: ComplianceReportScope): Promise<readonly PlatformStateCount[]>;
  /** Records by policy and state: `GROUP BY policy_id, state`. */
  countComplianceByPolicy(tenantId: TenantId, scope: ComplianceReportScope): Promise<readonly PolicyStateCount[]>;
  /** Rule outcomes by policy, rule and outcome (from the records' rule results). */
  countComplianceByRule(tenantId: TenantId, scope: ComplianceReportScope): Promise<readonly RuleOutcomeCount[]>;
  /**
   * One page of records in `inGracePeriod`, soonest deadline first (keyset on
   * (grace_ends_at, device_id, policy_id); the cursor is opaque).
   */
  listRecordsInGrace(tenantId: TenantId, filter: GraceFilter, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<DeviceComplianceRecord>>;
}

/** An e-mail to send. Plain text; the adapter adds From, Date and Message-ID. */
export interface ComplianceEmail {
  /** Addresses, already validated; at least one. */
  readonly to: readonly string[];
  /** One line, no control characters. */
  readonly subject: string;
  readonly text: string;
}

/** An HTTPS POST to make. */
export interface ComplianceWebhookRequest {
  /** An https URL (validated when the policy was saved). */
  readonly url: string;
  /** JSON text, sent as is (its bytes are what the signature covers). */
  readonly body: string;
  /** Content type, event id, timestamp and signature headers. */
  readonly headers: Readonly<Record<string, string>>;
}

/** How a delivery went. `retryable`: worth trying again later (timeouts, 5xx, SMTP 4xx). */
export type DeliveryOutcome = { readonly ok: true; readonly detail?: string } | { readonly ok: false; readonly error: string; readonly retryable: boolean };

/**
 * Sends compliance notifications; the server implements it with its SMTP relay and an HTTPS
 * client. Failures are outcomes, not exceptions: the runner records them and retries those
 * marked retryable.
 */
export interface ComplianceNotifier {
  /**
   * Sends one e-mail through the configured SMTP relay; `{ ok: false, retryable: false }` when
   * none is configured.
   */
  sendEmail(message: ComplianceEmail): Promise<DeliveryOutcome>;
  /**
   * POSTs the body to the URL over HTTPS (certificate verified, no redirects followed, a short
   * timeout, the response body ignored); a 2xx status is success.
   */
  postWebhook(request: ComplianceWebhookRequest): Promise<DeliveryOutcome>;
}
