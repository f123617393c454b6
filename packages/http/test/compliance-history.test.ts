import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateDeviceCompliance, recordComplianceSnapshots, type DeviceFacts } from '@ward/core';
import { addDevice, okBody, parseCsv, send, startListeningApi, type ListeningApi } from './support/policy-http.js';
import { call, expectError, expectOk } from './support/test-api.js';

interface HistoryBody {
  fromDay: string;
  toDay: string;
  policyId: string | null;
  policyName: string | null;
  points: { day: string; total: number | null; byState: Record<string, number> | null }[];
}

const day = 86_400_000;

let api: ListeningApi;
beforeEach(async () => {
  // The test clock starts at 2025-03-01T09:00Z.
  api = await startListeningApi();
});
afterEach(async () => {
  await api.close();
});

async function device(name: string, facts: DeviceFacts): Promise<string> {
  const id = await addDevice(api, { name, platform: 'macos', ownership: 'corporate', facts });
  const result = await evaluateDeviceCompliance(api.deps, api.system, { deviceIds: [id] });
  if (!result.ok) throw new Error(result.message);
  return id;
}

/**
 * A policy that wants disk encryption, marking noncompliant at once; on 2025-03-01 one mac passes
 * and one fails; 2025-03-02 has no snapshot (the server was down); on 2025-03-03 a third mac,
 * encrypted, has joined.
 */
async function arrange(): Promise<string> {
  const policy = expectOk<{ id: string }>(
    await call(api, 'POST', '/api/v1/compliance-policies', { as: 'globalAdmin', body: { name: '=Encrypted, "Macs"', platforms: ['macos'], rules: [{ kind: 'diskEncrypted' }], actions: [] } }),
    201,
  ).id;
  expectOk(await call(api, 'POST', `/api/v1/compliance-policies/${policy}/assignments`, { as: 'globalAdmin', body: { target: { type: 'allDevices' } } }), 201);
  await device('good', { encrypted: true });
  await device('bad', { encrypted: false });
  await recordComplianceSnapshots(api.deps);
  api.clock.advance(2 * day);
  await device('new', { encrypted: true });
  await recordComplianceSnapshots(api.deps);
  // A later run the same day changes nothing: the day's first counts stand.
  await device('late', { encrypted: false });
  await recordComplianceSnapshots(api.deps);
  return policy;
}

describe('GET /reports/compliance-history', () => {
  it('answers one point per day, overall and per policy, with gaps as nulls', async () => {
    const policy = await arrange();
    const overall = expectOk<HistoryBody>(await call(api, 'GET', '/api/v1/reports/compliance-history?days=4', { as: 'readOnlyAuditor' }));
    expect(overall).toMatchObject({ fromDay: '2025-02-28', toDay: '2025-03-03', policyId: null, policyName: null });
    expect(overall.points.map((p) => [p.day, p.total, p.byState?.compliant ?? null, p.byState?.noncompliant ?? null])).toEqual([
      ['2025-02-28', null, null, null],
      ['2025-03-01', 2, 1, 1],
      ['2025-03-02', null, null, null],
      ['2025-03-03', 3, 2, 1],
    ]);
    const perPolicy = expectOk<HistoryBody>(await call(api, 'GET', `/api/v1/reports/compliance-history?days=3&policyId=${policy}`, { as: 'helpDeskOperator' }));
    expect(perPolicy).toMatchObject({ fromDay: '2025-03-01', policyId: policy, policyName: '=Encrypted, "Macs"' });
    expect(perPolicy.points.map((p) => p.byState)).toEqual([
      { unknown: 0, compliant: 1, inGracePeriod: 0, noncompliant: 1, error: 0, notApplicable: 0 },
      null,
      { unknown: 0, compliant: 2, inGracePeriod: 0, noncompliant: 1, error: 0, notApplicable: 0 },
    ]);
  });

  it('spans 30 days by default and up to 365', async () => {
    const body = expectOk<HistoryBody>(await call(api, 'GET', '/api/v1/reports/compliance-history', { as: 'policyManager' }));
    expect(body.points).toHaveLength(30);
    expect(body.points.every((p) => p.total === null)).toBe(true);
    const year = expectOk<HistoryBody>(await call(api, 'GET', '/api/v1/reports/compliance-history?days=365', { as: 'policyManager' }));
    expect([year.fromDay, year.toDay, year.points.length]).toEqual(['2024-03-02', '2025-03-01', 365]);
  });

  it('exports the days as CSV, with empty cells for days without a snapshot', async () => {
    const policy = await arrange();
    const expected = [
      { day: '2025-03-01', total: '2', unknown: '0', compliant: '1', inGracePeriod: '0', noncompliant: '1', error: '0', notApplicable: '0' },
      { day: '2025-03-02', total: '', unknown: '', compliant: '', inGracePeriod: '', noncompliant: '', error: '', notApplicable: '' },
      { day: '2025-03-03', total: '3', unknown: '0', compliant: '2', inGracePeriod: '0', noncompliant: '1', error: '0', notApplicable: '0' },
    ];
    for (const path of ['/api/v1/reports/compliance-history.csv?days=3', '/api/v1/reports/compliance-history?days=3&format=csv']) {
      const response = await send(api, 'GET', path, { as: 'globalAdmin' });
      expect(response.headers.get('content-type')).toContain('text/csv');
      expect(response.headers.get('content-disposition')).toContain('compliance-history-2025-03-01-2025-03-03.csv');
      const csv = parseCsv(response);
      expect(csv.columns).toEqual(['day', 'total', 'unknown', 'compliant', 'inGracePeriod', 'noncompliant', 'error', 'notApplicable']);
      expect(csv.rows).toEqual(expected);
    }
    const byAccept = parseCsv(await send(api, 'GET', `/api/v1/reports/compliance-history?days=1&policyId=${policy}`, { as: 'globalAdmin', headers: { accept: 'text/csv' } }));
    expect(byAccept.rows).toEqual([{ ...expected[2], total: '3' }]);
    const json = okBody<HistoryBody>(await send(api, 'GET', '/api/v1/reports/compliance-history?days=1&format=json', { as: 'globalAdmin', headers: { accept: 'text/csv' } }));
    expect(json.points).toHaveLength(1);
  });

  it('refuses days out of range or not whole, unknown fields and malformed policy ids', async () => {
    for (const query of ['days=0', 'days=366', 'days=-1', 'days=1.5', 'days=abc', 'days=', 'days=1e3', 'colour=red', `policyId=${'x'.repeat(65)}`, 'policyId=', 'format=xml']) {
      const error = expectError(await call(api, 'GET', `/api/v1/reports/compliance-history?${query}`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
      expect(error.message.length).toBeGreaterThan(0);
    }
    expectError(await call(api, 'GET', '/api/v1/reports/compliance-history.csv?format=csv', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/reports/compliance-history.csv?days=400', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
  });

  it('answers 404 for a policy that does not exist, whatever its id looks like', async () => {
    for (const id of ['0190a000-0000-7000-8000-000000000000', '=1+2', '../../etc/passwd', '%00', 'DROP TABLE compliance_snapshots']) {
      const error = expectError(await call(api, 'GET', `/api/v1/reports/compliance-history?policyId=${encodeURIComponent(id)}`, { as: 'globalAdmin' }), 404, 'COMPLIANCE_POLICY_NOT_FOUND');
      expect(error.details).toMatchObject({ policyId: decodeURIComponent(encodeURIComponent(id)) });
    }
    expectError(await call(api, 'GET', '/api/v1/reports/compliance-history.csv?policyId=missing', { as: 'globalAdmin' }), 404, 'COMPLIANCE_POLICY_NOT_FOUND');
  });

  it('needs a token, and policy.read for the whole tenant', async () => {
    expectError(await call(api, 'GET', '/api/v1/reports/compliance-history'), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'GET', '/api/v1/reports/compliance-history.csv'), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'GET', '/api/v1/reports/compliance-history', { as: { token: 'wrd_at.forged.token' } }), 401, 'UNAUTHENTICATED');
    const group = expectOk<{ id: string }>(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { name: 'Lab', memberType: 'device', membershipType: 'static' } }), 201);
    const scoped = expectOk<{ bearer: string }>(
      await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', body: { name: 'lab auditor', role: 'readOnlyAuditor', expiresInDays: 7, scopeGroupIds: [group.id] } }),
      201,
    );
    // The snapshots count every device of the tenant, more than a scoped admin may see.
    expectError(await call(api, 'GET', '/api/v1/reports/compliance-history', { as: { token: scoped.bearer } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'GET', '/api/v1/reports/compliance-history.csv', { as: { token: scoped.bearer } }), 403, 'FORBIDDEN');
  });
});
