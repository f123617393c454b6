import { describe, expect, it } from 'vitest';
import type { DeviceId, GroupId, TenantId, UserId } from '../kernel/brand.js';
import { accessClaims } from './access-claims.js';
import { compileAccessPolicies } from './compile-access-policies.js';
import { evaluateConditionalAccess } from './evaluate-conditional-access.js';
import type { AccessContext, AccessDevice, AccessPolicy, AccessPolicyId } from './model.js';
import { validateAccessPolicy, type AccessPolicyInput } from './validate-access-policy.js';

const now = new Date('2025-03-01T09:00:00.000Z');
const hour = 3_600_000;

let n = 0;
/** A policy through the validator, as an admin would write it (enabled unless it says otherwise). */
function policy(input: Partial<AccessPolicyInput> & { readonly name?: string }): AccessPolicy {
  const fields = validateAccessPolicy({
    name: input.name ?? `policy ${++n}`,
    state: input.state ?? 'enabled',
    conditions: input.conditions ?? { users: { include: 'all' } },
    grant: input.grant ?? { kind: 'block' },
    ...(input.session === undefined ? {} : { session: input.session }),
  });
  if (!fields.ok) throw new Error(fields.message);
  return { id: `p${++n}` as AccessPolicyId, tenantId: 't' as TenantId, ...fields.value, version: 1, createdAt: now, updatedAt: now };
}

const compliantMac: AccessDevice = { id: 'd1' as DeviceId, platform: 'macos', ownership: 'corporate', complianceState: 'compliant', managementState: 'enrolled' };

function context(over: Partial<AccessContext> = {}): AccessContext {
  return {
    userId: 'alice' as UserId,
    groupIds: ['staff' as GroupId],
    relyingPartyId: 'grafana',
    clientType: 'browser',
    ip: '203.0.113.7',
    device: null,
    platformHint: null,
    signInRisk: 'none',
    mfaDone: false,
    appProtected: false,
    authenticatedAt: null,
    now,
    ...over,
  };
}

function decide(policies: readonly AccessPolicy[], over: Partial<AccessContext> = {}) {
  return evaluateConditionalAccess(context(over), compileAccessPolicies(policies));
}

describe('conditions', () => {
  // Each row: a condition, an attempt it matches and one it does not (the policy blocks when it applies).
  const rows: readonly [string, AccessPolicyInput['conditions'], Partial<AccessContext>, Partial<AccessContext>, string][] = [
    ['a user by id', { users: { include: { userIds: ['alice'] } } }, {}, { userId: 'bob' as UserId }, 'users'],
    ['a user group', { users: { include: { groupIds: ['staff'] } } }, {}, { groupIds: ['contractors' as GroupId] }, 'users'],
    ['a relying party', { users: { include: 'all' }, relyingParties: { include: ['grafana'] } }, {}, { relyingPartyId: 'gitlab' }, 'relyingParties'],
    ['a platform of the proven device', { users: { include: 'all' }, platforms: { include: ['macos'] } }, { device: compliantMac }, { device: { ...compliantMac, platform: 'windows' } }, 'platforms'],
    ['a platform from the user agent', { users: { include: 'all' }, platforms: { include: ['ios'] } }, { platformHint: 'ios' }, { platformHint: 'android' }, 'platforms'],
    ['ownership', { users: { include: 'all' }, ownership: ['personal', 'unknown'] }, { device: null }, { device: compliantMac }, 'ownership'],
    ['a client type', { users: { include: 'all' }, clientTypes: ['app'] }, { clientType: 'app' }, { clientType: 'browser' }, 'clientTypes'],
    ['an IPv4 range', { users: { include: 'all' }, networks: { include: ['203.0.113.0/24'] } }, {}, { ip: '198.51.100.1' }, 'networks'],
    ['an IPv4 range reached over IPv6', { users: { include: 'all' }, networks: { include: ['203.0.113.0/24'] } }, { ip: '::ffff:203.0.113.9' }, { ip: '::ffff:198.51.100.9' }, 'networks'],
    ['an IPv6 range', { users: { include: 'all' }, networks: { include: ['2001:db8::/32'] } }, { ip: '2001:db8:1::5' }, { ip: '2001:db9::5' }, 'networks'],
    ['sign-in risk', { users: { include: 'all' }, signInRisk: ['medium', 'high'] }, { signInRisk: 'high' }, { signInRisk: 'low' }, 'signInRisk'],
    ['no risk against a risk condition', { users: { include: 'all' }, signInRisk: ['low'] }, { signInRisk: 'low' }, { signInRisk: 'none' }, 'signInRisk'],
  ];
  it.each(rows)('%s applies when it matches and not otherwise', (_label, conditions, matching, other, because) => {
    const p = policy({ conditions });
    expect(decide([p], matching).decision).toBe('block');
    const result = decide([p], other);
    expect(result.decision).toBe('allow');
    expect(result.policies[0]).toMatchObject({ applied: false, result: 'notApplied', notAppliedBecause: because });
  });

  it('lets every exclusion beat its inclusion', () => {
    const excluded: readonly [AccessPolicyInput['conditions'], Partial<AccessContext>][] = [
      [{ users: { include: 'all', exclude: { userIds: ['alice'] } } }, {}],
      [{ users: { include: { userIds: ['alice'] }, exclude: { groupIds: ['staff'] } } }, {}],
      [{ users: { include: 'all' }, relyingParties: { include: 'all', exclude: ['grafana'] } }, {}],
      [{ users: { include: 'all' }, platforms: { include: 'all', exclude: ['macos'] } }, { device: compliantMac }],
      [{ users: { include: 'all' }, networks: { include: ['203.0.0.0/16'], exclude: ['203.0.113.0/24'] } }, {}],
    ];
    for (const [conditions, over] of excluded) expect(decide([policy({ conditions })], over).decision, JSON.stringify(conditions)).toBe('allow');
  });

  it('treats an unknown platform or address as matching only "all" and never excluded', () => {
    const includeAll = policy({ conditions: { users: { include: 'all' }, platforms: { include: 'all', exclude: ['windows'] }, networks: { include: 'all', exclude: ['10.0.0.0/8'] } } });
    expect(decide([includeAll], { ip: null }).decision).toBe('block');
    expect(decide([includeAll], { ip: 'not an address' }).decision).toBe('block');
    const listed = policy({ conditions: { users: { include: 'all' }, platforms: { include: ['windows'] } } });
    expect(decide([listed]).decision).toBe('allow');
    const ranges = policy({ conditions: { users: { include: 'all' }, networks: { include: ['10.0.0.0/8'] } } });
    expect(decide([ranges], { ip: null }).decision).toBe('allow');
  });

  it('leaves disabled policies out entirely', () => {
    const result = decide([policy({ state: 'disabled' })]);
    expect(result).toMatchObject({ decision: 'allow', policies: [] });
  });
});

describe('grant controls', () => {
  const requireDevice = policy({ name: 'Compliant device', grant: { kind: 'require', controls: ['compliantDevice'] } });

  it('fails compliantDevice for an unknown device, a noncompliant one and a retired one, and passes compliant or in grace', () => {
    expect(decide([requireDevice], { device: null })).toMatchObject({ decision: 'block', missingControls: ['compliantDevice'], blockingPolicyIds: [requireDevice.id] });
    expect(decide([requireDevice], { device: { ...compliantMac, complianceState: 'noncompliant' } }).decision).toBe('block');
    expect(decide([requireDevice], { device: { ...compliantMac, complianceState: 'unknown' } }).decision).toBe('block');
    expect(decide([requireDevice], { device: { ...compliantMac, managementState: 'retirePending' } }).decision).toBe('block');
    expect(decide([requireDevice], { device: compliantMac })).toMatchObject({ decision: 'allow', satisfiedControls: ['compliantDevice'], missingControls: [] });
    expect(decide([requireDevice], { device: { ...compliantMac, complianceState: 'inGracePeriod' } }).decision).toBe('allow');
  });

  it('challenges for MFA when MFA is all that is missing, and blocks when something else is', () => {
    const both = policy({ grant: { kind: 'require', operator: 'and', controls: ['mfa', 'compliantDevice'] } });
    expect(decide([both], { device: compliantMac })).toMatchObject({ decision: 'challenge', challenges: ['mfa'], missingControls: ['mfa'], satisfiedControls: ['compliantDevice'] });
    expect(decide([both], { device: compliantMac, mfaDone: true })).toMatchObject({ decision: 'allow', satisfiedControls: ['mfa', 'compliantDevice'] });
    expect(decide([both], { device: null, mfaDone: false })).toMatchObject({ decision: 'block', missingControls: ['mfa', 'compliantDevice'] });
  });

  it('turns the controls met into acr and amr for the tokens', () => {
    const both = policy({ grant: { kind: 'require', operator: 'and', controls: ['compliantDevice', 'mfa'] } });
    expect(accessClaims(decide([both], { device: compliantMac, mfaDone: true }))).toEqual({ acr: 'urn:ward:acr:mfa+compliantDevice', amr: ['mfa'], controls: ['mfa', 'compliantDevice'] });
    expect(accessClaims(decide([], { mfaDone: true }))).toEqual({ acr: 'urn:ward:acr:basic', amr: [], controls: [] });
  });

  it('is met by any one control under OR, and challenges for MFA when MFA is one of them', () => {
    const either = policy({ grant: { kind: 'require', operator: 'or', controls: ['compliantDevice', 'mfa'] } });
    expect(decide([either], { device: compliantMac })).toMatchObject({ decision: 'allow', missingControls: [], satisfiedControls: ['compliantDevice'] });
    expect(decide([either], { mfaDone: true })).toMatchObject({ decision: 'allow', satisfiedControls: ['mfa'] });
    expect(decide([either])).toMatchObject({ decision: 'challenge', challenges: ['mfa'] });
    const noMfa = policy({ grant: { kind: 'require', operator: 'or', controls: ['compliantDevice', 'appProtection'] } });
    expect(decide([noMfa], { appProtected: true }).decision).toBe('allow');
    expect(decide([noMfa]).decision).toBe('block');
  });

  it('lets block win over every grant and challenge', () => {
    const mfa = policy({ grant: { kind: 'require', controls: ['mfa'] } });
    const block = policy({ name: 'Block contractors', conditions: { users: { include: { groupIds: ['staff'] } } }, grant: { kind: 'block' } });
    const result = decide([mfa, block], { mfaDone: false });
    expect(result).toMatchObject({ decision: 'block', challenges: [], blockingPolicyIds: [block.id] });
    expect(result.policies.find((p) => p.policyId === block.id)).toMatchObject({ result: 'failure', blocks: true });
    expect(result.policies.find((p) => p.policyId === mfa.id)).toMatchObject({ result: 'interrupt', challenges: ['mfa'] });
  });
});

describe('report-only', () => {
  it('never blocks or challenges, but reports what it would have done', () => {
    const block = policy({ name: 'would block', state: 'reportOnly' });
    const mfa = policy({ name: 'would ask', state: 'reportOnly', grant: { kind: 'require', controls: ['mfa'] } });
    const device = policy({ name: 'would want a device', state: 'reportOnly', grant: { kind: 'require', controls: ['compliantDevice'] }, session: { signInFrequencyHours: 1 } });
    const result = decide([block, mfa, device], { authenticatedAt: new Date(now.getTime() - 5 * hour) });
    expect(result).toMatchObject({ decision: 'allow', challenges: [], blockingPolicyIds: [], missingControls: [], satisfiedControls: [], signInFrequencyHours: null });
    expect(result.policies.map((p) => [p.name, p.reportOnly, p.applied, p.result])).toEqual([
      ['would ask', true, true, 'interrupt'],
      ['would block', true, true, 'failure'],
      ['would want a device', true, true, 'failure'],
    ]);
  });

  it('sits beside an enforced policy without changing its decision', () => {
    const enforced = policy({ name: 'a', grant: { kind: 'require', controls: ['compliantDevice'] } });
    const watched = policy({ name: 'b', state: 'reportOnly' });
    expect(decide([enforced, watched], { device: compliantMac }).decision).toBe('allow');
    expect(decide([enforced, watched], { device: null }).blockingPolicyIds).toEqual([enforced.id]);
  });
});

describe('session controls', () => {
  const frequent = policy({ grant: { kind: 'require', controls: [] }, session: { signInFrequencyHours: 8 } });
  const daily = policy({ grant: { kind: 'require', controls: ['mfa'] }, session: { signInFrequencyHours: 24 } });

  it('asks for a fresh sign-in once the session is older than the shortest frequency, and reports that frequency', () => {
    expect(decide([frequent, daily], { mfaDone: true, authenticatedAt: new Date(now.getTime() - 7 * hour) })).toMatchObject({ decision: 'allow', signInFrequencyHours: 8 });
    expect(decide([frequent, daily], { mfaDone: true, authenticatedAt: new Date(now.getTime() - 9 * hour) })).toMatchObject({ decision: 'challenge', challenges: ['reauthenticate'] });
    expect(decide([frequent, daily], { mfaDone: false, authenticatedAt: new Date(now.getTime() - 30 * hour) })).toMatchObject({ decision: 'challenge', challenges: ['mfa', 'reauthenticate'] });
    // A new interactive sign-in has no age.
    expect(decide([frequent], { authenticatedAt: null }).decision).toBe('allow');
  });
});

describe('scale', () => {
  it('decides the same way for 50 policies whatever order they are stored in, naming outcomes by policy name', () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      policy({ name: `p${String(i).padStart(2, '0')}`, conditions: { users: { include: { groupIds: [`g${i}`] } }, networks: { include: [`10.${i}.0.0/16`] } }, grant: { kind: 'require', controls: ['compliantDevice'] } }),
    );
    const attempt: Partial<AccessContext> = { groupIds: ['g7' as GroupId, 'g8' as GroupId], ip: '10.8.1.1' };
    const forward = decide(many, attempt);
    const backward = decide([...many].reverse(), attempt);
    expect(backward).toEqual(forward);
    expect(forward.policies.filter((p) => p.applied).map((p) => p.name)).toEqual(['p08']);
    expect(forward.decision).toBe('block');
    expect(forward.policies.find((p) => p.name === 'p07')?.notAppliedBecause).toBe('networks');
  });
});
