import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateDeviceCompliance, type CompliancePolicyId } from '@ward/core';
import { addDevice, expectCode, okBody, send, startListeningApi, type ListeningApi } from './support/policy-http.js';
import type { PageBody } from './support/test-api.js';

interface PolicyBody {
  id: string;
  name: string;
  description: string;
  platforms: string[];
  rules: Record<string, unknown>[];
  actions: Record<string, unknown>[];
  validityDays: number;
  version: number;
}

interface RuleResultBody {
  ruleId: string;
  kind: string;
  title: string;
  outcome: string;
  expected: string;
  actual: string | null;
  remediation: string;
}

interface ExplanationBody {
  deviceId: string;
  deviceName: string;
  platform: string;
  state: string;
  lastSeenAt: string | null;
  policies: {
    policyId: string;
    policyName: string | null;
    policyVersion: number | null;
    evaluatedVersion: number;
    state: string;
    failingSince: string | null;
    graceEndsAt: string | null;
    rules: RuleResultBody[];
    actions: { actionId: string; kind: string; dueAt: string; doneAt: string | null }[];
  }[];
  history: PageBody<{ id: string; policyId: string | null; from: string; to: string; causes: Record<string, unknown>[]; at: string }>;
}

let api: ListeningApi;
beforeEach(async () => {
  api = await startListeningApi({ bodyLimit: 32 * 1024 });
});
afterEach(async () => {
  await api.close();
});

const secret = 'whsec-0123456789abcdef-secret';
const baseline = {
  name: 'macOS baseline',
  description: 'What every Mac must meet',
  platforms: ['macos'],
  rules: [
    { kind: 'minOsVersion', version: '14.0', remediation: 'Update macOS in System Settings.' },
    { kind: 'diskEncrypted' },
    { kind: 'firewallOn' },
  ],
  actions: [
    { kind: 'markNoncompliant', afterHours: 24 },
    { kind: 'notifyWebhook', afterHours: 0, url: 'https://hooks.example.com/ward', secret },
  ],
  validityDays: 14,
};

async function policyNames(query = ''): Promise<string[]> {
  return okBody<PageBody<PolicyBody>>(await send(api, 'GET', `/api/v1/compliance-policies?limit=500${query}`, { as: 'globalAdmin' })).items.map((p) => p.name);
}

describe('compliance policies', () => {
  it('creates, reads, lists, patches and deletes a policy, never returning the webhook secret', async () => {
    const created = await send(api, 'POST', '/api/v1/compliance-policies', { as: 'policyManager', body: baseline });
    expect(created.text).not.toContain(secret);
    const policy = okBody<PolicyBody>(created, 201);
    expect(created.headers.get('location')).toBe(`/api/v1/compliance-policies/${policy.id}`);
    expect(policy).toMatchObject({ name: 'macOS baseline', platforms: ['macos'], validityDays: 14, version: 1 });
    expect(policy.rules).toEqual([
      { id: 'minOsVersion', kind: 'minOsVersion', version: '14.0', remediation: 'Update macOS in System Settings.' },
      { id: 'diskEncrypted', kind: 'diskEncrypted', remediation: null },
      { id: 'firewallOn', kind: 'firewallOn', remediation: null },
    ]);
    expect(policy.actions[1]).toEqual({ id: 'notifyWebhook', kind: 'notifyWebhook', afterHours: 0, url: 'https://hooks.example.com/ward', secret: null });
    for (const path of [`/api/v1/compliance-policies/${policy.id}`, '/api/v1/compliance-policies']) {
      const read = await send(api, 'GET', path, { as: 'readOnlyAuditor' });
      expect(read.status).toBe(200);
      expect(read.text).not.toContain(secret);
    }
    expect(okBody<PolicyBody>(await send(api, 'GET', `/api/v1/compliance-policies/${policy.id}`, { as: 'helpDeskOperator' }))).toEqual(policy);

    okBody(await send(api, 'POST', '/api/v1/compliance-policies', { as: 'globalAdmin', body: { name: 'Linux', platforms: ['linux'], rules: [{ kind: 'diskEncrypted' }] } }), 201);
    expect(await policyNames()).toEqual(['Linux', 'macOS baseline']);
    expect(await policyNames('&platform=macos')).toEqual(['macOS baseline']);
    expect(await policyNames('&q=BASE')).toEqual(['macOS baseline']);
    expect(await policyNames('&sort=createdAt&order=desc')).toEqual(['Linux', 'macOS baseline']);

    // Leaving the webhook's secret out keeps it; the patch names only what changes.
    const patched = okBody<PolicyBody>(
      await send(api, 'PATCH', `/api/v1/compliance-policies/${policy.id}`, {
        as: 'policyManager',
        body: { expectedVersion: 1, validityDays: 30, actions: [{ kind: 'markNoncompliant', afterHours: 48 }, { id: 'notifyWebhook', kind: 'notifyWebhook', url: 'https://hooks.example.com/ward' }] },
      }),
    );
    expect(patched).toMatchObject({ name: 'macOS baseline', validityDays: 30, version: 2, rules: policy.rules });
    expect(patched.actions[0]).toMatchObject({ kind: 'markNoncompliant', afterHours: 48 });
    const stored = await api.deps.stores.getCompliancePolicy(api.tenant.id, policy.id as CompliancePolicyId);
    expect(stored?.actions.find((a) => a.kind === 'notifyWebhook')).toMatchObject({ secret });
    const stale = expectCode(await send(api, 'PATCH', `/api/v1/compliance-policies/${policy.id}`, { as: 'policyManager', body: { expectedVersion: 1, name: 'Old' } }), 409, 'COMPLIANCE_POLICY_VERSION_CONFLICT');
    expect(stale.details).toEqual({ version: 2 });
    expectCode(await send(api, 'PATCH', `/api/v1/compliance-policies/${policy.id}`, { as: 'policyManager', body: { name: 'LINUX' } }), 409, 'COMPLIANCE_POLICY_NAME_TAKEN');

    expect((await send(api, 'DELETE', `/api/v1/compliance-policies/${policy.id}`, { as: 'policyManager' })).status).toBe(204);
    expectCode(await send(api, 'GET', `/api/v1/compliance-policies/${policy.id}`, { as: 'globalAdmin' }), 404, 'COMPLIANCE_POLICY_NOT_FOUND');
    expect(await policyNames()).toEqual(['Linux']);
  });

  it('refuses malformed policies with the domain codes and changes nothing', async () => {
    const refusals: [unknown, number, string, Record<string, unknown>?][] = [
      [{ ...baseline, rules: [{ kind: 'custom', name: 'Storage', expression: 'device.freeStorageBytes >' }] }, 400, 'COMPLIANCE_RULE_INVALID', { field: 'rules[0].expression', line: 1 }],
      [{ ...baseline, rules: [{ kind: 'custom', name: 'Mood', expression: 'device.mood == "happy"' }] }, 400, 'COMPLIANCE_RULE_INVALID', { field: 'rules[0].expression' }],
      [{ ...baseline, rules: [{ kind: 'teleport' }] }, 400, 'COMPLIANCE_RULE_INVALID', { field: 'rules[0].kind' }],
      [{ ...baseline, rules: [{ kind: 'screenLockWithinSeconds', seconds: 0 }] }, 400, 'COMPLIANCE_RULE_INVALID', { field: 'rules[0].seconds' }],
      [{ ...baseline, rules: [{ kind: 'minOsVersion', version: 'fourteen' }] }, 400, 'COMPLIANCE_RULE_INVALID', { field: 'rules[0].version' }],
      [{ ...baseline, rules: [{ kind: 'minOsVersion', version: '15' }, { kind: 'maxOsVersion', version: '14' }] }, 400, 'COMPLIANCE_RULE_INVALID', { field: 'rules' }],
      [{ ...baseline, rules: [{ kind: 'diskEncrypted', colour: 'blue' }] }, 400, 'COMPLIANCE_RULE_INVALID'],
      [{ ...baseline, actions: [{ kind: 'notifyWebhook', url: 'http://hooks.example.com/', secret }] }, 400, 'COMPLIANCE_ACTION_INVALID', { field: 'actions[0].url' }],
      [{ ...baseline, actions: [{ kind: 'notifyWebhook', url: 'https://hooks.example.com/' }] }, 400, 'COMPLIANCE_ACTION_INVALID', { field: 'actions[0].secret' }],
      [{ ...baseline, actions: [{ kind: 'retire', afterHours: 1 }, { kind: 'markNoncompliant', afterHours: 24 }] }, 400, 'COMPLIANCE_ACTION_INVALID', { field: 'actions[0].afterHours' }],
      [{ ...baseline, actions: [{ kind: 'markNoncompliant', afterHours: -1 }] }, 400, 'COMPLIANCE_ACTION_INVALID'],
      [{ ...baseline, validityDays: 0 }, 400, 'VALIDATION_FAILED', { field: 'validityDays' }],
      [{ ...baseline, name: '' }, 400, 'VALIDATION_FAILED', { field: 'name' }],
      [{ ...baseline, platforms: [] }, 400, 'VALIDATION_FAILED', { in: 'body', path: '/platforms' }],
      [{ ...baseline, platforms: ['amiga'] }, 400, 'VALIDATION_FAILED', { in: 'body' }],
      [{ ...baseline, validityDays: '14' }, 400, 'VALIDATION_FAILED', { in: 'body', path: '/validityDays' }],
      [{ ...baseline, rules: { kind: 'diskEncrypted' } }, 400, 'VALIDATION_FAILED', { in: 'body', path: '/rules' }],
      [{ ...baseline, owner: 'me' }, 400, 'VALIDATION_FAILED', { in: 'body', path: '/owner' }],
    ];
    for (const [body, status, code, details] of refusals) {
      const error = expectCode(await send(api, 'POST', '/api/v1/compliance-policies', { as: 'globalAdmin', body }), status, code);
      if (details !== undefined) expect(error.details, JSON.stringify(body)).toMatchObject(details);
    }
    const many = { ...baseline, rules: Array.from({ length: 400 }, (_, i) => ({ id: `r${i}`, kind: 'custom', name: `Rule ${i}`, expression: 'device.encrypted == true' })) };
    expectCode(await send(api, 'POST', '/api/v1/compliance-policies', { as: 'globalAdmin', body: many }), 413, 'PAYLOAD_TOO_LARGE');
    expect(await policyNames()).toEqual([]);

    const policy = okBody<PolicyBody>(await send(api, 'POST', '/api/v1/compliance-policies', { as: 'globalAdmin', body: baseline }), 201);
    expectCode(await send(api, 'PATCH', `/api/v1/compliance-policies/${policy.id}`, { as: 'globalAdmin', body: { rules: [{ kind: 'teleport' }] } }), 400, 'COMPLIANCE_RULE_INVALID');
    expectCode(await send(api, 'PATCH', `/api/v1/compliance-policies/${policy.id}`, { as: 'globalAdmin', body: { expectedVersion: 0 } }), 400, 'VALIDATION_FAILED');
    expect(okBody<PolicyBody>(await send(api, 'GET', `/api/v1/compliance-policies/${policy.id}`, { as: 'globalAdmin' })).version).toBe(1);
  });

  it('needs a token to read and policy.write to change, and answers 404 for unknown ids', async () => {
    const policy = okBody<PolicyBody>(await send(api, 'POST', '/api/v1/compliance-policies', { as: 'globalAdmin', body: baseline }), 201);
    const url = `/api/v1/compliance-policies/${policy.id}`;
    expectCode(await send(api, 'GET', '/api/v1/compliance-policies'), 401, 'UNAUTHENTICATED');
    expectCode(await send(api, 'GET', url), 401, 'UNAUTHENTICATED');
    expectCode(await send(api, 'POST', '/api/v1/compliance-policies', { body: baseline }), 401, 'UNAUTHENTICATED');
    for (const role of ['helpDeskOperator', 'readOnlyAuditor'] as const) {
      expectCode(await send(api, 'POST', '/api/v1/compliance-policies', { as: role, body: { ...baseline, name: 'Other' } }), 403, 'FORBIDDEN');
      expectCode(await send(api, 'PATCH', url, { as: role, body: { name: 'Renamed' } }), 403, 'FORBIDDEN');
      expectCode(await send(api, 'DELETE', url, { as: role }), 403, 'FORBIDDEN');
    }
    expect(okBody<PolicyBody>(await send(api, 'GET', url, { as: 'readOnlyAuditor' })).name).toBe('macOS baseline');
    for (const [method, path] of [['GET', '/api/v1/compliance-policies/nothing'], ['PATCH', '/api/v1/compliance-policies/nothing'], ['DELETE', '/api/v1/compliance-policies/nothing']] as const) {
      expectCode(await send(api, method, path, { as: 'globalAdmin', ...(method === 'PATCH' ? { body: { name: 'x' } } : {}) }), 404, 'COMPLIANCE_POLICY_NOT_FOUND');
    }
  });
});

describe('device compliance', () => {
  it('explains every rule with expected, actual, outcome and remediation, the grace deadline, and the history with causes', async () => {
    const policy = okBody<PolicyBody>(await send(api, 'POST', '/api/v1/compliance-policies', { as: 'globalAdmin', body: baseline }), 201);
    okBody(await send(api, 'POST', `/api/v1/compliance-policies/${policy.id}/assignments`, { as: 'globalAdmin', body: { target: { type: 'allDevices' } } }), 201);
    const mac = await addDevice(api, { name: 'Old Mac', platform: 'macos', ownership: 'corporate', facts: { osVersion: '13.6', encrypted: true, firewallOn: false } });
    const evaluated = await evaluateDeviceCompliance(api.deps, api.system, { deviceIds: [mac] });
    if (!evaluated.ok) throw new Error(evaluated.message);

    const explained = okBody<ExplanationBody>(await send(api, 'GET', `/api/v1/devices/${mac}/compliance`, { as: 'helpDeskOperator' }));
    expect(explained).toMatchObject({ deviceId: mac, deviceName: 'Old Mac', platform: 'macos', state: 'inGracePeriod' });
    const [against] = explained.policies;
    expect(against).toMatchObject({ policyId: policy.id, policyName: 'macOS baseline', policyVersion: 1, evaluatedVersion: 1, state: 'inGracePeriod', failingSince: '2025-03-01T09:00:00.000Z', graceEndsAt: '2025-03-02T09:00:00.000Z' });
    const rules = new Map(against?.rules.map((r) => [r.ruleId, r]));
    expect(rules.get('minOsVersion')).toMatchObject({ outcome: 'failed', expected: expect.stringContaining('14.0'), actual: '13.6', remediation: 'Update macOS in System Settings.' });
    expect(rules.get('diskEncrypted')).toMatchObject({ outcome: 'passed', actual: 'yes', remediation: '' });
    expect(rules.get('firewallOn')).toMatchObject({ outcome: 'failed', actual: 'no', remediation: expect.stringMatching(/\S/) });
    expect(against?.actions).toEqual([expect.objectContaining({ actionId: 'notifyWebhook', kind: 'notifyWebhook', doneAt: null })]);

    expect(explained.history.items.length).toBeGreaterThan(0);
    const overall = explained.history.items.find((h) => h.policyId === null);
    expect(overall).toMatchObject({ from: 'unknown', to: 'inGracePeriod' });
    const perPolicy = explained.history.items.find((h) => h.policyId === policy.id);
    expect(perPolicy?.causes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'rulesFailed', policyId: policy.id, ruleIds: expect.arrayContaining(['minOsVersion', 'firewallOn']) })]));

    const page = okBody<ExplanationBody>(await send(api, 'GET', `/api/v1/devices/${mac}/compliance?historyLimit=1`, { as: 'globalAdmin' }));
    expect(page.history.items).toHaveLength(1);
    expect(page.history.nextCursor).toEqual(expect.any(String));
    const next = okBody<ExplanationBody>(await send(api, 'GET', `/api/v1/devices/${mac}/compliance?historyLimit=1&historyCursor=${encodeURIComponent(page.history.nextCursor ?? '')}`, { as: 'globalAdmin' }));
    expect(next.history.items).toHaveLength(1);
    expect(next.history.items[0]?.id).not.toBe(page.history.items[0]?.id);
    expectCode(await send(api, 'GET', `/api/v1/devices/${mac}/compliance?historyLimit=0`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'GET', '/api/v1/devices/nothing/compliance', { as: 'globalAdmin' }), 404, 'DEVICE_NOT_FOUND');
    expectCode(await send(api, 'GET', `/api/v1/devices/${mac}/compliance`), 401, 'UNAUTHENTICATED');
  });
});
