import type { DeviceId, TenantId, UserId } from '../kernel/brand.js';
import type { Clock, Ids } from '../kernel/ports.js';
import { signInLimits, type AccessEvaluation, type ClientType, type SignInId, type SignInOutcome, type SignInRecord, type SignInRisk } from './model.js';
import type { SignInLog } from './ports.js';

/** One attempt as the identity provider reports it. Text fields are cut and cleaned here. */
export interface SignInAttempt {
  readonly tenantId: TenantId;
  readonly userId: UserId | null;
  readonly userName: string;
  readonly relyingPartyId: string | null;
  readonly deviceId: DeviceId | null;
  readonly ip: string | null;
  readonly clientType: ClientType;
  readonly userAgent?: string | null;
  readonly outcome: SignInOutcome;
  readonly failureReason?: string | null;
  readonly detail?: string | null;
  readonly signInRisk?: SignInRisk;
  /** The conditional access decision, when one was made (not for a wrong password). */
  readonly evaluation?: AccessEvaluation;
}

/** Text made safe to store and show: control characters become spaces, cut to `max`. */
function clean(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  // eslint-disable-next-line no-control-regex -- stripping them is the point
  const t = value.slice(0, max * 2).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return t === '' ? null : t.slice(0, max);
}

const reasonPattern = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Appends one sign-in attempt to the log (issue 6 §7): time, user, relying party, device,
 * address, client type, outcome, failure reason and every evaluated policy's result, report-only
 * ones included. Called by the identity provider for every authorization and refresh it decides
 * and every failed credential check; no principal (the provider acts for the system), no audit
 * event (the log is its own record). Attacker-supplied text (the typed name, the user agent) is
 * cut to {@link signInLimits} and stripped of control characters; a failure reason that is not a
 * stable code is kept as `detail` instead.
 */
export async function recordSignIn(deps: { readonly clock: Clock; readonly ids: Ids; readonly stores: Pick<SignInLog, 'appendSignIn'> }, attempt: SignInAttempt): Promise<SignInRecord> {
  const reason = attempt.failureReason ?? null;
  const reasonIsCode = reason !== null && reasonPattern.test(reason);
  const detail = reason !== null && !reasonIsCode ? [reason, attempt.detail].filter((d) => d !== null && d !== undefined).join(': ') : attempt.detail;
  const record: SignInRecord = {
    id: deps.ids.newId() as SignInId,
    tenantId: attempt.tenantId,
    at: deps.clock.now(),
    userId: attempt.userId,
    userName: (clean(attempt.userName, signInLimits.userNameLength) ?? '').toLowerCase(),
    relyingPartyId: clean(attempt.relyingPartyId, signInLimits.relyingPartyIdLength),
    deviceId: attempt.deviceId,
    ip: clean(attempt.ip, signInLimits.ipLength),
    clientType: attempt.clientType,
    userAgent: clean(attempt.userAgent, signInLimits.userAgentLength),
    outcome: attempt.outcome,
    failureReason: reasonIsCode ? reason : reason === null ? null : 'OTHER',
    detail: clean(detail, signInLimits.detailLength),
    signInRisk: attempt.signInRisk ?? 'none',
    policies: (attempt.evaluation?.policies ?? []).slice(0, signInLimits.policies).map((p) => ({
      policyId: p.policyId,
      name: p.name,
      result: p.result,
      reportOnly: p.reportOnly,
      missingControls: p.missingControls,
    })),
  };
  await deps.stores.appendSignIn(record);
  return record;
}
