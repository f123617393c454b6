import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  compileAccessPolicies,
  createGroup,
  createRelyingParty,
  createUser,
  changeGroupMembers,
  evaluateConditionalAccess,
  recordSignIn,
  registerDevice,
  resolveAccessContext,
  type DeviceId,
  type UserId,
} from '@ward/core';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

interface PolicyBody {
  id: string;
  name: string;
  state: string;
  conditions: Record<string, unknown>;
  grant: Record<string, unknown>;
  session: { signInFrequencyHours: number | null };
  version: number;
}

interface WhatIfBody {
  decision: string;
  challenges: string[];
  missingControls: string[];
  satisfiedControls: string[];
  blockingPolicyIds: string[];
  signInRisk: string;
  deviceId: string | null;
  policies: { policyId: string; name: string; reportOnly: boolean; applied: boolean; notAppliedBecause: string | null; result: string }[];
}

interface SignInBody {
  id: string;
  at: string;
  userId: string | null;
  userName: string;
  outcome: string;
  failureReason: string | null;
  relyingPartyId: string | null;
  deviceId: string | null;
  policies: { policyId: string; name: string; result: string; reportOnly: boolean }[];
}

const base = '/api/v1/identity/conditional-access-policies';

let api: TestApi;
let alice: UserId;
let staff: string;
let deviceGroup: string;
let mac: DeviceId;
let grafana: string;
let gitlab: string;

beforeEach(async () => {
  api = await startTestApi();
  const user = await createUser(api.deps, api.system, { email: 'alice@example.test', displayName: 'Alice' });
  if (!user.ok) throw new Error(user.message);
  alice = user.value.id;
  const group = await createGroup(api.deps, api.system, { name: 'Staff', membershipType: 'static', memberType: 'user' });
  const devices = await createGroup(api.deps, api.system, { name: 'Macs', membershipType: 'static', memberType: 'device' });
  if (!group.ok || !devices.ok) throw new Error('groups');
  staff = group.value.id;
  deviceGroup = devices.value.id;
  const added = await changeGroupMembers(api.deps, api.system, staff, { add: [alice] });
  if (!added.ok) throw new Error(added.message);
  const device = await registerDevice(api.deps, api.system, { name: 'alice-mac', platform: 'macos', ownership: 'corporate' });
  if (!device.ok) throw new Error(device.message);
  mac = device.value.id;
  const parties: string[] = [];
  for (const name of ['Grafana', 'GitLab']) {
    const party = await createRelyingParty(api.deps, api.system, { name, redirectUris: ['https://app.example.test/callback'], grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'client_secret_basic' });
    if (!party.ok) throw new Error(party.message);
    parties.push(party.value.relyingParty.id);
  }
  [grafana = '', gitlab = ''] = parties;
});
afterEach(async () => {
  await api.close();
});

async function setCompliance(state: 'compliant' | 'noncompliant'): Promise<void> {
  const device = await api.deps.stores.getDevice(api.tenant.id, mac);
  if (device === undefined) throw new Error('device missing');
  await api.deps.stores.updateDevice({ ...device, complianceState: state });
}

async function createPolicy(body: Record<string, unknown>): Promise<PolicyBody> {
  return expectOk<PolicyBody>(await call(api, 'POST', base, { as: 'policyManager', body }), 201);
}

const requireDevice = () => ({ name: 'Grafana needs a compliant device', state: 'enabled', conditions: { users: { include: { groupIds: [] as string[] } }, relyingParties: { include: [grafana] } }, grant: { kind: 'require', controls: ['compliantDevice'] } });

describe('conditional access policies', () => {
  it('are created report-only by default, read, listed, updated by version and deleted, each change audited', async () => {
    const created = await call(api, 'POST', base, { as: 'policyManager', body: { name: 'Block risky', conditions: { users: { include: 'all', exclude: { userIds: [alice] } }, signInRisk: ['high'] }, grant: { kind: 'block' } } });
    const policy = expectOk<PolicyBody>(created, 201);
    expect(created.headers.location).toBe(`${base}/${policy.id}`);
    expect(policy).toMatchObject({ state: 'reportOnly', version: 1, grant: { kind: 'block' }, session: { signInFrequencyHours: null } });
    expect(policy.conditions).toMatchObject({ users: { include: 'all', exclude: { userIds: [alice], groupIds: [] } }, relyingParties: { include: 'all', exclude: [] }, signInRisk: ['high'], networks: null });

    expect(expectOk<PolicyBody>(await call(api, 'GET', `${base}/${policy.id}`, { as: 'readOnlyAuditor' }))).toEqual(policy);
    await createPolicy({ ...requireDevice(), conditions: { users: { include: { groupIds: [staff] } } } });
    const page = expectOk<PageBody<PolicyBody>>(await call(api, 'GET', `${base}?state=reportOnly`, { as: 'helpDeskOperator' }));
    expect(page.items.map((p) => p.name)).toEqual(['Block risky']);

    const patched = expectOk<PolicyBody>(await call(api, 'PATCH', `${base}/${policy.id}`, { as: 'globalAdmin', body: { state: 'enabled', expectedVersion: 1 } }));
    expect(patched).toMatchObject({ state: 'enabled', version: 2 });
    expectError(await call(api, 'PATCH', `${base}/${policy.id}`, { as: 'globalAdmin', body: { state: 'disabled', expectedVersion: 1 } }), 409, 'ACCESS_POLICY_VERSION_CONFLICT');
    expectError(await call(api, 'PATCH', `${base}/${policy.id}`, { as: 'globalAdmin', body: { name: 'GRAFANA NEEDS A COMPLIANT DEVICE' } }), 409, 'ACCESS_POLICY_NAME_TAKEN');
    expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...requireDevice(), name: 'block RISKY', conditions: { users: { include: 'all' } } } }), 409, 'ACCESS_POLICY_NAME_TAKEN');

    expect((await call(api, 'DELETE', `${base}/${policy.id}`, { as: 'policyManager' })).statusCode).toBe(204);
    expectError(await call(api, 'GET', `${base}/${policy.id}`, { as: 'policyManager' }), 404, 'ACCESS_POLICY_NOT_FOUND');
    expectError(await call(api, 'DELETE', `${base}/${policy.id}`, { as: 'policyManager' }), 404, 'ACCESS_POLICY_NOT_FOUND');

    const audit = expectOk<PageBody<{ action: string; target: { id: string } }>>(await call(api, 'GET', `/api/v1/audit-events?targetId=${policy.id}`, { as: 'globalAdmin' }));
    expect(audit.items.map((e) => e.action)).toEqual(['accessPolicy.deleted', 'accessPolicy.updated', 'accessPolicy.created']);
  });

  it('refuse callers without a token or the permission', async () => {
    expectError(await call(api, 'GET', base), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'POST', base, { as: 'helpDeskOperator', body: { ...requireDevice(), conditions: { users: { include: 'all' } } } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', base, { as: 'readOnlyAuditor', body: { ...requireDevice(), conditions: { users: { include: 'all' } } } }), 403, 'FORBIDDEN');
    const policy = await createPolicy({ ...requireDevice(), conditions: { users: { include: 'all' } } });
    expectError(await call(api, 'PATCH', `${base}/${policy.id}`, { as: 'helpDeskOperator', body: { state: 'disabled' } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'DELETE', `${base}/${policy.id}`, { as: 'readOnlyAuditor' }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', '/api/v1/identity/what-if', { body: { userId: alice, relyingPartyId: grafana, clientType: 'browser' } }), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'GET', '/api/v1/identity/sign-ins', { as: 'helpDeskOperator' }), 403, 'FORBIDDEN');
    expectError(await call(api, 'GET', '/api/v1/identity/sign-ins', { as: 'policyManager' }), 403, 'FORBIDDEN');
  });

  it('refuse hostile and mistaken bodies, naming the field', async () => {
    const ok = { ...requireDevice(), conditions: { users: { include: 'all' } } };
    expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...ok, extra: true } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...ok, conditions: { users: { include: 'all' }, exlude: {} } } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...ok, conditions: { users: { include: { userIds: Array.from({ length: 5000 }, (_, i) => `u${i}`) } } } } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...ok, name: 'x'.repeat(100_000) } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', base, { as: 'globalAdmin', rawBody: '{"name":', contentType: 'application/json' }), 400, 'VALIDATION_FAILED');
    const cidr = expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...ok, conditions: { users: { include: 'all' }, networks: { include: ['10.0.0.0/8', '10.1.2.3/8'] } } } }), 400, 'ACCESS_POLICY_INVALID');
    expect(cidr.details).toMatchObject({ field: 'conditions.networks.include[1]' });
    const missing = expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...ok, conditions: { users: { include: { groupIds: [staff, 'no-such-group'] } } } } }), 400, 'ACCESS_POLICY_INVALID');
    expect(missing.details).toMatchObject({ field: 'conditions.users.include.groupIds[1]' });
    const devices = expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...ok, conditions: { users: { include: 'all', exclude: { groupIds: [deviceGroup] } } } } }), 400, 'ACCESS_POLICY_INVALID');
    expect(devices.details).toMatchObject({ field: 'conditions.users.exclude.groupIds[0]' });
    const nobody = expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...ok, conditions: { users: { include: { userIds: ['ghost'] } } } } }), 400, 'ACCESS_POLICY_INVALID');
    expect(nobody.details).toMatchObject({ field: 'conditions.users.include.userIds[0]' });
    const party = expectError(await call(api, 'POST', base, { as: 'globalAdmin', body: { ...ok, conditions: { users: { include: 'all' }, relyingParties: { include: 'all', exclude: [gitlab, 'unregistered-client'] } } } }), 400, 'ACCESS_POLICY_INVALID');
    expect(party.details).toMatchObject({ field: 'conditions.relyingParties.exclude[1]' });
    expectError(await call(api, 'GET', `${base}/${'x'.repeat(65)}`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', `${base}?cursor=garbage`, { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
    // Nothing was written by any of them.
    expect(expectOk<PageBody<PolicyBody>>(await call(api, 'GET', base, { as: 'globalAdmin' })).items).toEqual([]);
  });
});

describe('POST /identity/what-if', () => {
  const whatIf = (body: Record<string, unknown>) => call(api, 'POST', '/api/v1/identity/what-if', { as: 'readOnlyAuditor', body: { userId: alice, relyingPartyId: grafana, clientType: 'browser', ...body } });

  it('blocks an unknown device under "require compliant device", allows a compliant one, and reports report-only policies without obeying them', async () => {
    const enforced = await createPolicy({ ...requireDevice(), conditions: { users: { include: { groupIds: [staff] } }, relyingParties: { include: [grafana] } } });
    const watched = await createPolicy({ name: 'Watch: block outside the office', state: 'reportOnly', conditions: { users: { include: 'all' }, networks: { include: 'all', exclude: ['192.0.2.0/24'] } }, grant: { kind: 'block' } });
    await createPolicy({ name: 'Off', state: 'disabled', conditions: { users: { include: 'all' } }, grant: { kind: 'block' } });

    const unknown = expectOk<WhatIfBody>(await whatIf({ ip: '203.0.113.5' }));
    expect(unknown).toMatchObject({ decision: 'block', missingControls: ['compliantDevice'], blockingPolicyIds: [enforced.id], deviceId: null, signInRisk: 'none' });
    expect(unknown.policies.map((p) => [p.name, p.reportOnly, p.applied, p.result])).toEqual([
      [enforced.name, false, true, 'failure'],
      [watched.name, true, true, 'failure'],
    ]);

    await setCompliance('compliant');
    const compliant = expectOk<WhatIfBody>(await whatIf({ device: mac, ip: '192.0.2.10' }));
    expect(compliant).toMatchObject({ decision: 'allow', satisfiedControls: ['compliantDevice'], deviceId: mac });
    expect(compliant.policies.find((p) => p.policyId === watched.id)).toMatchObject({ applied: false, notAppliedBecause: 'networks' });

    await setCompliance('noncompliant');
    expect(expectOk<WhatIfBody>(await whatIf({ device: mac })).decision).toBe('block');
    // Another relying party is not covered.
    expect(expectOk<WhatIfBody>(await whatIf({ relyingPartyId: gitlab })).decision).toBe('allow');
  });

  it('challenges for MFA and takes sign-in risk from recent failed attempts', async () => {
    await createPolicy({ name: 'MFA when risky', state: 'enabled', conditions: { users: { include: 'all' }, signInRisk: ['medium', 'high'] }, grant: { kind: 'require', controls: ['mfa'] } });
    expect(expectOk<WhatIfBody>(await whatIf({})).decision).toBe('allow');
    for (let i = 0; i < 5; i++) {
      await recordSignIn(api.deps, { tenantId: api.tenant.id, userId: alice, userName: 'alice@example.test', relyingPartyId: grafana, deviceId: null, ip: '198.51.100.1', clientType: 'browser', outcome: 'failure', failureReason: 'INVALID_CREDENTIALS' });
    }
    expect(expectOk<WhatIfBody>(await whatIf({}))).toMatchObject({ decision: 'challenge', challenges: ['mfa'], signInRisk: 'medium' });
    expect(expectOk<WhatIfBody>(await whatIf({ mfaDone: true })).decision).toBe('allow');
    expect(expectOk<WhatIfBody>(await whatIf({ signInRisk: 'none' })).decision).toBe('allow');
    // An hour later the failures no longer count.
    api.clock.advance(3_600_001);
    expect(expectOk<WhatIfBody>(await whatIf({})).signInRisk).toBe('none');
  });

  it('answers 404 for an unknown user or device and 400 for a malformed address or unknown field', async () => {
    expectError(await whatIf({ userId: 'nobody' }), 404, 'USER_NOT_FOUND');
    expectError(await whatIf({ relyingPartyId: 'unregistered-client' }), 404, 'RELYING_PARTY_NOT_FOUND');
    expectError(await whatIf({ device: 'no-such-device' }), 404, 'DEVICE_NOT_FOUND');
    expectError(await whatIf({ device: '../../etc' }), 404, 'DEVICE_NOT_FOUND');
    const ip = expectError(await whatIf({ ip: '300.1.1.1' }), 400, 'VALIDATION_FAILED');
    expect(ip.details).toMatchObject({ field: 'ip' });
    expectError(await whatIf({ clientType: 'cli' }), 400, 'VALIDATION_FAILED');
    expectError(await whatIf({ extra: 1 }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/identity/what-if', { as: 'helpDeskOperator', body: { userId: alice, relyingPartyId: 'x'.repeat(129), clientType: 'app' } }), 400, 'VALIDATION_FAILED');
  });
});

describe('GET /identity/sign-ins', () => {
  it('lists attempts newest first with the policies evaluated, filtered and paged', async () => {
    const policy = await createPolicy({ ...requireDevice(), conditions: { users: { include: 'all' } } });
    const report = await createPolicy({ name: 'Report: block apps', state: 'reportOnly', conditions: { users: { include: 'all' }, clientTypes: ['app'] }, grant: { kind: 'block' } });
    const compiled = compileAccessPolicies(await api.deps.stores.listAllAccessPolicies(api.tenant.id));
    const attempt = async (relyingPartyId: string, clientType: 'browser' | 'app') => {
      const context = await resolveAccessContext(api.deps.stores, { tenantId: api.tenant.id, userId: alice, relyingPartyId, clientType, ip: '203.0.113.9', deviceId: null, mfaDone: false, authenticatedAt: null, now: api.clock.now() });
      const evaluation = evaluateConditionalAccess(context, compiled);
      await recordSignIn(api.deps, {
        tenantId: api.tenant.id,
        userId: alice,
        userName: 'Alice@Example.test',
        relyingPartyId,
        deviceId: null,
        ip: '203.0.113.9',
        clientType,
        userAgent: 'Mozilla/5.0\u0000\u001b[31m',
        outcome: evaluation.decision === 'block' ? 'failure' : 'success',
        failureReason: evaluation.decision === 'block' ? 'ACCESS_BLOCKED' : null,
        evaluation,
      });
      api.clock.advance(1000);
    };
    await attempt(grafana, 'browser');
    await attempt(gitlab, 'app');
    await attempt(grafana, 'app');
    await recordSignIn(api.deps, { tenantId: api.tenant.id, userId: null, userName: 'mallory\n<script>', relyingPartyId: grafana, deviceId: null, ip: null, clientType: 'browser', outcome: 'failure', failureReason: 'INVALID_CREDENTIALS' });

    const all = expectOk<PageBody<SignInBody>>(await call(api, 'GET', '/api/v1/identity/sign-ins', { as: 'readOnlyAuditor' }));
    expect(all.items.map((s) => [s.userName, s.relyingPartyId, s.outcome, s.failureReason])).toEqual([
      ['mallory <script>', grafana, 'failure', 'INVALID_CREDENTIALS'],
      ['alice@example.test', grafana, 'failure', 'ACCESS_BLOCKED'],
      ['alice@example.test', gitlab, 'failure', 'ACCESS_BLOCKED'],
      ['alice@example.test', grafana, 'failure', 'ACCESS_BLOCKED'],
    ]);
    expect(all.items[2]?.policies).toEqual([
      { policyId: policy.id, name: policy.name, result: 'failure', reportOnly: false, missingControls: ['compliantDevice'] },
      { policyId: report.id, name: report.name, result: 'failure', reportOnly: true, missingControls: [] },
    ]);

    const first = expectOk<PageBody<SignInBody>>(await call(api, 'GET', `/api/v1/identity/sign-ins?userId=${alice}&limit=2`, { as: 'globalAdmin' }));
    expect(first.items).toHaveLength(2);
    const second = expectOk<PageBody<SignInBody>>(await call(api, 'GET', `/api/v1/identity/sign-ins?userId=${alice}&limit=2&cursor=${first.nextCursor ?? ''}`, { as: 'globalAdmin' }));
    expect([...first.items, ...second.items].map((s) => s.id)).toEqual(all.items.slice(1).map((s) => s.id));
    expect(second.nextCursor).toBeNull();

    const gitlabOnly = expectOk<PageBody<SignInBody>>(await call(api, 'GET', `/api/v1/identity/sign-ins?relyingPartyId=${gitlab}&outcome=failure`, { as: 'globalAdmin' }));
    expect(gitlabOnly.items.map((s) => s.relyingPartyId)).toEqual([gitlab]);
    const from = all.items[2]?.at ?? '';
    const to = all.items[0]?.at ?? '';
    const window = expectOk<PageBody<SignInBody>>(await call(api, 'GET', `/api/v1/identity/sign-ins?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { as: 'globalAdmin' }));
    expect(window.items.map((s) => s.id)).toEqual(all.items.slice(1, 3).map((s) => s.id));

    expectError(await call(api, 'GET', '/api/v1/identity/sign-ins?outcome=maybe', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/identity/sign-ins?from=yesterday', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', `/api/v1/identity/sign-ins?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`, { as: 'globalAdmin' }), 400, 'INVALID_FILTER');
    expectError(await call(api, 'GET', '/api/v1/identity/sign-ins?cursor=eyJ4IjoxfQ', { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
  });
});
