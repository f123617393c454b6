import { validateAccessPolicy } from '@ward/core';
import { describe, expect, it } from 'vitest';
import { accessPolicyBody, accessPolicyDraftOf, conditionsSummary, grantSummary, networkLines, newAccessPolicyDraft, policyProblemPlace, type AccessPolicyDraft } from './access-policy-draft';
import type { AccessPolicy } from './identity-types';

// The form sends what `accessPolicyBody` makes of its draft, and the server checks it with core's
// validator: these run that validator on the bodies, so a form that drifts from the API's shapes
// fails here rather than in front of an admin.
const stored = (fields: Partial<AccessPolicy>): AccessPolicy => ({
  id: 'ap1',
  name: 'Stored',
  description: '',
  state: 'enabled',
  conditions: { users: { include: 'all' } },
  grant: { kind: 'block' },
  session: { signInFrequencyHours: null },
  version: 2,
  createdAt: '2024-05-01T10:00:00.000Z',
  updatedAt: '2024-05-01T10:00:00.000Z',
  ...fields,
});

const full: AccessPolicyDraft = {
  ...newAccessPolicyDraft(),
  name: 'Finance from outside',
  description: 'Finance apps need a compliant device off the office network.',
  state: 'enabled',
  allUsers: false,
  includeUserIds: ['u1'],
  includeGroupIds: ['g1', 'g2'],
  excludeUserIds: ['u9'],
  includeRelyingParties: ['payroll'],
  excludeRelyingParties: [],
  includePlatforms: ['windows', 'macos'],
  excludePlatforms: [],
  ownership: ['corporate'],
  clientTypes: ['browser'],
  includeNetworks: '',
  excludeNetworks: '10.0.0.0/8\n2001:db8::/32, 192.168.1.7',
  signInRisk: ['medium', 'high'],
  grantKind: 'require',
  operator: 'or',
  controls: ['mfa', 'compliantDevice'],
  signInFrequencyHours: 12,
};

describe('the conditional access form draft', () => {
  it('makes a new policy report-only, for all users, requiring MFA, and core accepts it once named', () => {
    const body = accessPolicyBody({ ...newAccessPolicyDraft(), name: 'Everyone MFA' });
    expect(body.state).toBe('reportOnly');
    expect(body.conditions.users.include).toBe('all');
    expect(body.grant).toEqual({ kind: 'require', operator: 'and', controls: ['mfa'] });
    const valid = validateAccessPolicy(body);
    expect(valid.ok).toBe(true);
    if (valid.ok) expect(valid.value.conditions).toMatchObject({ platforms: null, networks: null, ownership: null, clientTypes: null, signInRisk: null, relyingParties: { include: 'all', exclude: [] } });
  });

  it('sends every condition, grant and session control in the shapes core validates', () => {
    const body = accessPolicyBody(full);
    expect(body.conditions).toEqual({
      users: { include: { userIds: ['u1'], groupIds: ['g1', 'g2'] }, exclude: { userIds: ['u9'], groupIds: [] } },
      relyingParties: { include: ['payroll'], exclude: [] },
      platforms: { include: ['windows', 'macos'], exclude: [] },
      ownership: ['corporate'],
      clientTypes: ['browser'],
      networks: { include: 'all', exclude: ['10.0.0.0/8', '2001:db8::/32', '192.168.1.7'] },
      signInRisk: ['medium', 'high'],
    });
    expect(body.grant).toEqual({ kind: 'require', operator: 'or', controls: ['mfa', 'compliantDevice'] });
    expect(body.session).toEqual({ signInFrequencyHours: 12 });
    const valid = validateAccessPolicy(body);
    expect(valid.ok ? valid.value.conditions.networks : valid.message).toEqual({ include: 'all', exclude: ['10.0.0.0/8', '2001:db8::/32', '192.168.1.7'] });
  });

  it('reads a stored policy back into the same draft', () => {
    const body = accessPolicyBody(full);
    const policy = stored({ ...body, description: body.description ?? '', state: body.state ?? 'reportOnly', session: { signInFrequencyHours: 12 } });
    expect(accessPolicyDraftOf(policy)).toEqual({ ...full, excludeNetworks: '10.0.0.0/8\n2001:db8::/32\n192.168.1.7' });
  });

  it('reads `all` and absent conditions as empty lists, and a block grant without controls', () => {
    const draft = accessPolicyDraftOf(stored({ conditions: { users: { include: 'all' }, relyingParties: { include: 'all', exclude: ['legacy'] }, platforms: null, networks: { include: 'all', exclude: [] } } }));
    expect(draft).toMatchObject({ allUsers: true, includeRelyingParties: [], excludeRelyingParties: ['legacy'], includePlatforms: [], includeNetworks: '', grantKind: 'block', controls: [], signInFrequencyHours: '' });
    expect(accessPolicyBody(draft).grant).toEqual({ kind: 'block' });
    expect(accessPolicyBody(draft).conditions.relyingParties).toEqual({ include: 'all', exclude: ['legacy'] });
  });

  it('lets core refuse a bad range and name its line, and a frequency out of bounds', () => {
    const bad = validateAccessPolicy(accessPolicyBody({ ...full, includeNetworks: '10.0.0.0/8\n10.0.0.0/33' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.code).toBe('ACCESS_POLICY_INVALID');
      expect(policyProblemPlace(bad.details)).toEqual({ section: 'networks', side: 'include', index: 1 });
    }
    const frequency = validateAccessPolicy(accessPolicyBody({ ...full, signInFrequencyHours: '0' }));
    expect(frequency.ok ? undefined : policyProblemPlace(frequency.details)?.section).toBe('session');
  });

  it('splits network text on lines, commas and spaces, dropping blanks', () => {
    expect(networkLines('  10.0.0.0/8\r\n\n, 192.0.2.0/24 ;2001:db8::/32  ')).toEqual(['10.0.0.0/8', '192.0.2.0/24', '2001:db8::/32']);
    expect(networkLines('   \n ')).toEqual([]);
  });
});

describe('where a server error points', () => {
  it('reads core fields and the validator pointers alike', () => {
    expect(policyProblemPlace({ field: 'name' })).toEqual({ section: 'name', side: undefined, index: undefined });
    expect(policyProblemPlace({ field: 'conditions.users.include.groupIds[2]' })).toEqual({ section: 'users', side: 'include', index: undefined });
    expect(policyProblemPlace({ path: '/conditions/networks/exclude/4' })).toEqual({ section: 'networks', side: 'exclude', index: 4 });
    expect(policyProblemPlace({ field: 'conditions.ownership[1]' })).toEqual({ section: 'ownership', side: undefined, index: 1 });
    expect(policyProblemPlace({ path: '/grant/controls/0' })).toEqual({ section: 'grant', side: undefined, index: undefined });
    expect(policyProblemPlace({ field: 'session.signInFrequencyHours' })?.section).toBe('session');
  });

  it('answers nothing for fields it does not know, hostile text or no details', () => {
    expect(policyProblemPlace(undefined)).toBeUndefined();
    expect(policyProblemPlace({})).toBeUndefined();
    expect(policyProblemPlace({ field: 42 })).toBeUndefined();
    expect(policyProblemPlace({ field: 'conditions.__proto__' })).toBeUndefined();
    expect(policyProblemPlace({ field: 'constructor' })).toBeUndefined();
    expect(policyProblemPlace({ path: '/' })).toBeUndefined();
    expect(policyProblemPlace({ field: `${'['.repeat(5000)}conditions` })).toBeUndefined();
  });
});

describe('the list summaries', () => {
  it('says whom a policy reaches and what it grants, in words', () => {
    const body = accessPolicyBody(full);
    const policy = stored({ ...body, description: '', state: 'enabled', session: { signInFrequencyHours: 12 } });
    expect(conditionsSummary(policy)).toBe('1 user and 2 groups · 1 excluded · 1 relying party · Windows, macOS · corporate · browser · not from 3 ranges · medium or high risk');
    expect(grantSummary(policy)).toBe('Require one of: multi-factor authentication, a compliant device; sign in again every 12 h');
    expect(grantSummary(stored({ grant: { kind: 'require', operator: 'and', controls: ['mfa', 'compliantDevice', 'appProtection'] } }))).toBe('Require multi-factor authentication, a compliant device and an app protection policy');
    expect(grantSummary(stored({}))).toBe('Block access');
    expect(conditionsSummary(stored({}))).toBe('All users · all relying parties');
  });
});
