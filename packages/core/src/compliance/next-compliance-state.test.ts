import { describe, expect, it } from 'vitest';
import type { ComplianceState } from '../devices/model.js';
import { complianceStateOrder, isMoreRestrictive, mostRestrictiveState } from './compliance-state-order.js';
import type { ComplianceVerdict } from './evaluate-compliance.js';
import type { ComplianceAction, CompliancePolicyId } from './model.js';
import { nextComplianceState, type NextPolicyState, type PolicyEvaluation, type PreviousPolicyState } from './next-compliance-state.js';
import { planComplianceActions } from './plan-compliance-actions.js';

const hour = 3_600_000;
const t0 = new Date('2026-06-01T00:00:00Z');
const at = (hours: number): Date => new Date(t0.getTime() + hours * hour);
const policy = { id: 'p1' as CompliancePolicyId, version: 1, graceMs: 24 * hour };

function evaluation(verdict: ComplianceVerdict, over: Partial<PolicyEvaluation> = {}): PolicyEvaluation {
  return { verdict, failedRuleIds: verdict === 'failed' ? ['disk'] : [], unknownRuleIds: verdict === 'unknown' ? ['fw'] : [], errorMessage: null, lastSeenAt: t0, ...over };
}

function carry(next: NextPolicyState, version = 1): PreviousPolicyState {
  return { state: next.state, failingSince: next.failingSince, policyVersion: version };
}

describe('nextComplianceState', () => {
  it('moves a failing device through its grace period to noncompliant, then back on a fix', () => {
    const first = nextComplianceState(undefined, evaluation('failed'), policy, at(0));
    expect(first).toEqual({ state: 'inGracePeriod', failingSince: at(0), graceEndsAt: at(24), changed: true, causes: [{ kind: 'rulesFailed', policyId: 'p1', ruleIds: ['disk'] }] });

    // Still failing later: the clock keeps running from the first failure, nothing changes.
    const later = nextComplianceState(carry(first), evaluation('failed'), policy, at(23));
    expect(later).toMatchObject({ state: 'inGracePeriod', failingSince: at(0), graceEndsAt: at(24), changed: false });

    // At the deadline the grace ends.
    const ended = nextComplianceState(carry(later), evaluation('failed'), policy, at(24));
    expect(ended.state).toBe('noncompliant');
    expect(ended.failingSince).toEqual(at(0));
    expect(ended.graceEndsAt).toBeNull();
    expect(ended.changed).toBe(true);
    expect(ended.causes).toEqual([
      { kind: 'graceEnded', policyId: 'p1', graceEndedAt: at(24).toISOString() },
      { kind: 'rulesFailed', policyId: 'p1', ruleIds: ['disk'] },
    ]);

    const fixed = nextComplianceState(carry(ended), evaluation('passed'), policy, at(30));
    expect(fixed).toEqual({ state: 'compliant', failingSince: null, graceEndsAt: null, changed: true, causes: [{ kind: 'rulesPassed', policyId: 'p1' }] });

    // A new failure after a fix starts a new grace period.
    const again = nextComplianceState(carry(fixed), evaluation('failed'), policy, at(40));
    expect(again).toMatchObject({ state: 'inGracePeriod', failingSince: at(40), graceEndsAt: at(64) });
  });

  it('marks noncompliant at once without a grace period', () => {
    const next = nextComplianceState(undefined, evaluation('failed'), { ...policy, graceMs: 0 }, at(0));
    expect(next).toMatchObject({ state: 'noncompliant', failingSince: at(0), graceEndsAt: null });
    expect(next.causes.map((c) => c.kind)).toEqual(['rulesFailed']);
  });

  it('shortening the grace period ends a running one at the new deadline', () => {
    const first = nextComplianceState(undefined, evaluation('failed'), policy, at(0));
    const shorter = nextComplianceState(carry(first), evaluation('failed'), { ...policy, version: 2, graceMs: 2 * hour }, at(3));
    expect(shorter.state).toBe('noncompliant');
    expect(shorter.causes.map((c) => c.kind)).toEqual(['policyChanged', 'graceEnded', 'rulesFailed']);
  });

  it('makes a silent device noncompliant regardless of grace and keeps the failure clock', () => {
    const grace = nextComplianceState(undefined, evaluation('failed'), policy, at(0));
    const expired = nextComplianceState(carry(grace), evaluation('expired', { lastSeenAt: at(-800) }), policy, at(5));
    expect(expired).toMatchObject({ state: 'noncompliant', failingSince: at(0), graceEndsAt: null, changed: true });
    expect(expired.causes).toEqual([{ kind: 'validityExpired', policyId: 'p1', lastSeenAt: at(-800).toISOString() }]);

    const fromCompliant = nextComplianceState({ state: 'compliant', failingSince: null, policyVersion: 1 }, evaluation('expired', { lastSeenAt: null }), policy, at(5));
    expect(fromCompliant).toMatchObject({ state: 'noncompliant', failingSince: at(5) });
  });

  it('puts an evaluation error in error without a failure clock', () => {
    const grace = nextComplianceState(undefined, evaluation('failed'), policy, at(0));
    const error = nextComplianceState(carry(grace), evaluation('error', { errorMessage: 'Rule x: Unknown attribute' }), policy, at(1));
    expect(error).toEqual({ state: 'error', failingSince: null, graceEndsAt: null, changed: true, causes: [{ kind: 'evaluationError', policyId: 'p1', message: 'Rule x: Unknown attribute' }] });
  });

  it('keeps missing facts unknown (not compliant) and says which rules', () => {
    const next = nextComplianceState(undefined, evaluation('unknown'), policy, at(0));
    expect(next).toEqual({ state: 'unknown', failingSince: null, graceEndsAt: null, changed: false, causes: [{ kind: 'factsMissing', policyId: 'p1', ruleIds: ['fw'] }] });
  });

  it('says notApplicable for another platform', () => {
    expect(nextComplianceState(undefined, evaluation('notApplicable'), policy, at(0))).toMatchObject({ state: 'notApplicable', changed: true, causes: [{ kind: 'platformNotApplicable' }] });
  });

  it('names a policy change as a cause only when the state changed', () => {
    const prev: PreviousPolicyState = { state: 'compliant', failingSince: null, policyVersion: 1 };
    expect(nextComplianceState(prev, evaluation('passed'), { ...policy, version: 2 }, at(0)).causes.map((c) => c.kind)).toEqual(['rulesPassed']);
    expect(nextComplianceState(prev, evaluation('failed'), { ...policy, version: 2 }, at(0)).causes.map((c) => c.kind)).toEqual(['policyChanged', 'rulesFailed']);
  });
});

describe('most restrictive state', () => {
  it('orders noncompliant > error > inGracePeriod > unknown > compliant > notApplicable', () => {
    expect(complianceStateOrder).toEqual(['noncompliant', 'error', 'inGracePeriod', 'unknown', 'compliant', 'notApplicable']);
    for (let i = 0; i < complianceStateOrder.length; i++) {
      for (let j = 0; j < complianceStateOrder.length; j++) {
        const a = complianceStateOrder[i] as ComplianceState;
        const b = complianceStateOrder[j] as ComplianceState;
        expect(isMoreRestrictive(a, b)).toBe(i < j);
        expect(mostRestrictiveState([b, a])).toBe(i <= j ? a : b);
      }
    }
  });

  it('lets one applicable policy decide, and is notApplicable with none', () => {
    expect(mostRestrictiveState([])).toBe('notApplicable');
    expect(mostRestrictiveState(['notApplicable', 'compliant', 'notApplicable'])).toBe('compliant');
    expect(mostRestrictiveState(['compliant', 'unknown'])).toBe('unknown');
    expect(mostRestrictiveState(['compliant', 'inGracePeriod', 'unknown'])).toBe('inGracePeriod');
    expect(mostRestrictiveState(['inGracePeriod', 'error'])).toBe('error');
    expect(mostRestrictiveState(['error', 'noncompliant', 'compliant'])).toBe('noncompliant');
  });
});

describe('planComplianceActions', () => {
  const actions: ComplianceAction[] = [
    { id: 'grace', kind: 'markNoncompliant', afterHours: 24 },
    { id: 'mail', kind: 'notifyEmail', afterHours: 0, toPrimaryUser: true, extraRecipients: [], subject: 's', body: 'b' },
    { id: 'hook', kind: 'notifyWebhook', afterHours: 1, url: 'https://hooks.example.com/ward', secret: 'x'.repeat(32) },
    { id: 'lock', kind: 'lock', afterHours: 48 },
    { id: 'retire', kind: 'retire', afterHours: 720 },
  ];

  it('schedules every action but the grace period, relative to the start of the failure', () => {
    expect(planComplianceActions({ actions }, at(5))).toEqual([
      { actionId: 'mail', kind: 'notifyEmail', dueAt: at(5) },
      { actionId: 'hook', kind: 'notifyWebhook', dueAt: at(6) },
      { actionId: 'lock', kind: 'lock', dueAt: at(53) },
      { actionId: 'retire', kind: 'retire', dueAt: at(725) },
    ]);
  });

  it('schedules nothing for a device that is not failing', () => {
    expect(planComplianceActions({ actions }, null)).toEqual([]);
  });
});
