import type { RequestAppleDeviceActionStores } from '../apple/request-apple-device-action.js';
import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { CommandSigner } from '../commands/ports.js';
import { requestDeviceAction, type RequestDeviceActionStores } from '../commands/request-device-action.js';
import type { DeviceStore } from '../devices/ports.js';
import type { UserStore } from '../directory/ports.js';
import { systemPrincipal } from '../directory/system-principal.js';
import type { TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import { applyComplianceEvaluation, loadComplianceEvaluationContext, type ComplianceContextStores, type ComplianceEvaluationContext, type ComplianceEvaluationStores } from './apply-compliance-evaluation.js';
import { compileCompliancePolicy } from './compile-compliance-policy.js';
import type { ComplianceAction, ComplianceActionOutcome, CompliancePolicy, DeviceComplianceRecord, ScheduledComplianceAction } from './model.js';
import type { ComplianceNotifier, CompliancePolicyStore, DeliveryOutcome, DeviceComplianceStore } from './ports.js';
import { renderNotificationEmail, renderWebhookBody, webhookSignature, type NotificationContext } from './render-compliance-notification.js';

export type RunDueComplianceStores = ComplianceContextStores &
  ComplianceEvaluationStores &
  Pick<DeviceComplianceStore, 'listDevicesDueForReevaluation' | 'claimDueComplianceActions' | 'completeComplianceAction' | 'retryComplianceAction'> &
  Pick<CompliancePolicyStore, 'getCompliancePolicy'> &
  Pick<DeviceStore, 'getDevice'> &
  Pick<UserStore, 'getUser'> &
  RequestDeviceActionStores &
  RequestAppleDeviceActionStores &
  AuditTrail;

/** What the runner needs besides the stores: the command signer (lock, retire) and the notifier. */
export interface RunDueComplianceServices {
  readonly signer: CommandSigner;
  readonly notifier: ComplianceNotifier;
}

/** How the runner paces itself. */
export interface RunDueComplianceOptions {
  /** Devices or actions per batch. */
  readonly batch?: number;
  /** How long a claimed action stays invisible to other runners. */
  readonly leaseMs?: number;
  /** Attempts of a transiently failing notification before it is recorded as failed. */
  readonly maxAttempts?: number;
}

/** What one run did. */
export interface RunDueComplianceSummary {
  readonly reevaluated: number;
  readonly stateChanges: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly retried: number;
}

const defaults = { batch: 200, leaseMs: 15 * 60_000, maxAttempts: 5 } as const;

/** 5 minutes after the first failure, doubling, at most 6 hours. */
function retryDelayMs(attempts: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

function outcomeOf(delivery: DeliveryOutcome): ComplianceActionOutcome {
  return delivery.ok ? { status: 'succeeded', ...(delivery.detail === undefined ? {} : { detail: delivery.detail.slice(0, 500) }) } : { status: 'failed', error: delivery.error.slice(0, 500) };
}

/**
 * The recurring job of compliance, for every tenant. First, devices whose state changes with time
 * alone (grace ended, validity expired, a check-in rule lapsed) are re-evaluated, so actions see
 * current states. Then each due action is claimed (a lease, so parallel runners never take the
 * same one), checked against the device's current episode (a device that stopped failing, or an
 * action removed from the policy, is skipped), carried out (e-mail and webhook through the
 * notifier; lock and retire through `requestDeviceAction` as the system) and marked done exactly
 * once, with an audit event. Transient notification failures are retried with backoff.
 * Delivery is at least once: a runner that dies after sending and before marking done sends again
 * after the lease; webhook receivers dedupe on `Ward-Event-Id`, lock and retire do not queue twice.
 */
export async function runDueComplianceActions(deps: Deps<RunDueComplianceStores> & RunDueComplianceServices, options: RunDueComplianceOptions = {}): Promise<RunDueComplianceSummary> {
  const batch = options.batch ?? defaults.batch;
  const contexts = new Map<TenantId, ComplianceEvaluationContext>();
  const contextOf = async (tenantId: TenantId): Promise<ComplianceEvaluationContext> => {
    let c = contexts.get(tenantId);
    if (c === undefined) contexts.set(tenantId, (c = await loadComplianceEvaluationContext(deps.stores, tenantId)));
    return c;
  };

  // 1. Time-driven state changes. Each device is taken once per run, so a record whose next
  // re-evaluation does not move forward cannot spin the loop.
  let reevaluated = 0;
  let stateChanges = 0;
  const done = new Set<string>();
  for (;;) {
    const due = (await deps.stores.listDevicesDueForReevaluation(deps.clock.now(), batch)).filter((d) => !done.has(`${d.tenantId}/${d.deviceId}`));
    if (due.length === 0) break;
    const byTenant = new Map<TenantId, typeof due>();
    for (const d of due) {
      done.add(`${d.tenantId}/${d.deviceId}`);
      byTenant.set(d.tenantId, [...(byTenant.get(d.tenantId) ?? []), d]);
    }
    for (const [tenantId, devices] of byTenant) {
      const context = await contextOf(tenantId);
      const principal = systemPrincipal(tenantId, 'system');
      const summary = await deps.tx.transaction(async (s) => {
        const now = deps.clock.now();
        const result = await applyComplianceEvaluation(s, deps.ids, context, devices.map((d) => d.deviceId), now);
        if (result.changes.length > 0) await recordAudit(s, principal, now, 'device.complianceEvaluated', { type: 'compliance', id: 'scheduled' }, null, { changes: result.changes });
        return result;
      });
      reevaluated += devices.length;
      stateChanges += summary.changes.length;
    }
  }

  // 2. Due actions.
  const counts = { succeeded: 0, failed: 0, skipped: 0, retried: 0 };
  for (;;) {
    const now = deps.clock.now();
    const claimed = await deps.stores.claimDueComplianceActions(now, new Date(now.getTime() + (options.leaseMs ?? defaults.leaseMs)), batch);
    for (const action of claimed) {
      const result = await runOne(deps, action, options.maxAttempts ?? defaults.maxAttempts);
      counts[result]++;
    }
    if (claimed.length < batch) break;
  }
  return { reevaluated, stateChanges, ...counts };
}

type RunResult = 'succeeded' | 'failed' | 'skipped' | 'retried';

async function runOne(deps: Deps<RunDueComplianceStores> & RunDueComplianceServices, action: ScheduledComplianceAction, maxAttempts: number): Promise<RunResult> {
  const { tenantId, deviceId, policyId } = action;
  const key = { tenantId, deviceId, policyId, actionId: action.actionId };
  const principal = systemPrincipal(tenantId, 'system');
  const finish = async (outcome: ComplianceActionOutcome): Promise<RunResult> => {
    const marked = await deps.tx.transaction(async (s) => {
      const now = deps.clock.now();
      if (!(await s.completeComplianceAction(key, action.failingSince, now, outcome))) return false;
      await recordAudit(s, principal, now, 'device.complianceActionRun', { type: 'device', id: deviceId }, null, { policyId, actionId: action.actionId, kind: action.kind, failingSince: action.failingSince, outcome });
      return true;
    });
    // Another runner (after this one's lease ran out) or a re-evaluation got there first.
    if (!marked) return 'skipped';
    return outcome.status;
  };

  const [policy, device, records] = await Promise.all([deps.stores.getCompliancePolicy(tenantId, policyId), deps.stores.getDevice(tenantId, deviceId), deps.stores.listDeviceComplianceRecords(tenantId, [deviceId])]);
  const record = records.find((r) => r.policyId === policyId);
  const definition = policy?.actions.find((a) => a.id === action.actionId && a.kind === action.kind);
  if (policy === undefined || device === undefined || definition === undefined) return finish({ status: 'skipped', reason: 'The policy, the device or the action no longer exists.' });
  if (record === undefined || record.failingSince === null || record.failingSince.getTime() !== action.failingSince.getTime() || (record.state !== 'inGracePeriod' && record.state !== 'noncompliant')) {
    return finish({ status: 'skipped', reason: 'The device no longer fails the policy.' });
  }
  if (device.managementState === 'retired') return finish({ status: 'skipped', reason: 'The device is retired.' });

  let delivery: DeliveryOutcome;
  if (definition.kind === 'lock' || definition.kind === 'retire') {
    if (record.state !== 'noncompliant') {
      // Due before the grace period ended (the policy's grace grew since it was scheduled): wait for it.
      const at = record.graceEndsAt ?? new Date(deps.clock.now().getTime() + retryDelayMs(1));
      await deps.tx.transaction((s) => s.retryComplianceAction(key, action.failingSince, at));
      return 'retried';
    }
    const requested = await requestDeviceAction(deps, principal, { deviceIds: [deviceId], type: definition.kind });
    if (!requested.ok) delivery = { ok: false, error: `${requested.code}: ${requested.message}`, retryable: false };
    else {
      const o = requested.value[0];
      delivery = o === undefined || o.status === 'refused' ? { ok: false, error: o?.message ?? 'The action was refused.', retryable: false } : { ok: true, detail: `command ${o.commandId ?? ''} ${o.status}` };
    }
  } else {
    delivery = await notify(deps, policy, definition, record, action, device.primaryUserId === null ? null : ((await deps.stores.getUser(tenantId, device.primaryUserId)) ?? null), device);
  }

  if (!delivery.ok && delivery.retryable && action.attempts < maxAttempts) {
    const retried = await deps.tx.transaction((s) => s.retryComplianceAction(key, action.failingSince, new Date(deps.clock.now().getTime() + retryDelayMs(action.attempts))));
    return retried ? 'retried' : 'skipped';
  }
  return finish(outcomeOf(delivery));
}

async function notify(
  deps: Deps<RunDueComplianceStores> & RunDueComplianceServices,
  policy: CompliancePolicy,
  definition: ComplianceAction,
  record: DeviceComplianceRecord,
  action: ScheduledComplianceAction,
  user: NotificationContext['user'],
  device: NotificationContext['device'],
): Promise<DeliveryOutcome> {
  const failingSince = action.failingSince;
  const context: NotificationContext = {
    device,
    user,
    policy,
    state: record.state,
    failingSince,
    deadline: new Date(failingSince.getTime() + compileCompliancePolicy(policy).graceMs),
    results: record.results,
  };
  if (definition.kind === 'notifyEmail') {
    const to = [...new Set([...(definition.toPrimaryUser && user !== null ? [user.email] : []), ...definition.extraRecipients])];
    if (to.length === 0) return { ok: false, error: 'No recipient: the device has no primary user and the action lists no other address.', retryable: false };
    const message = renderNotificationEmail(definition.subject, definition.body, context);
    return deps.notifier.sendEmail({ to, subject: message.subject, text: message.text });
  }
  if (definition.kind === 'notifyWebhook') {
    // The same id on every attempt, so receivers can drop duplicates.
    const eventId = deps.digests.sha256Hex(`${action.tenantId}/${action.deviceId}/${action.policyId}/${action.actionId}/${failingSince.toISOString()}`).slice(0, 32);
    const now = deps.clock.now();
    const body = renderWebhookBody(eventId, now, { ...context, actionId: action.actionId });
    const signature = webhookSignature((key, data) => deps.digests.hmac('sha256', key, data), definition.secret, now, body);
    return deps.notifier.postWebhook({ url: definition.url, body, headers: { 'content-type': 'application/json', 'ward-event-id': eventId, 'ward-signature': signature } });
  }
  return { ok: false, error: `${definition.kind} is not a notification.`, retryable: false };
}
