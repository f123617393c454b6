import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

interface AuditBody {
  seq: number;
  action: string;
  actor: { type: string; id: string };
  origin: { via: string; ip?: string; requestId?: string; userAgent?: string };
  target: { type: string; id: string };
  occurredAt: string;
}

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi();
});
afterEach(async () => {
  await api.close();
});

describe('audit events', () => {
  it('records API acts with their origin and lists them newest first, filtered', async () => {
    const created = await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { email: 'ada@example.test', displayName: 'Ada' }, headers: { 'x-request-id': 'trace-123', 'user-agent': 'ward-tests/1' } });
    const user = expectOk<{ id: string }>(created, 201);
    api.clock.advance(1000);
    expectOk(await call(api, 'PATCH', `/api/v1/users/${user.id}`, { as: 'globalAdmin', body: { displayName: 'Ada L.' } }));

    const page = expectOk<PageBody<AuditBody>>(await call(api, 'GET', `/api/v1/audit-events?targetType=user&targetId=${user.id}`, { as: 'readOnlyAuditor' }));
    expect(page.items.map((e) => e.action)).toEqual(['user.updated', 'user.created']);
    expect(page.items[1]).toMatchObject({ actor: { type: 'apiToken' }, origin: { via: 'api', ip: '127.0.0.1', requestId: 'trace-123', userAgent: 'ward-tests/1' } });

    const byAction = expectOk<PageBody<AuditBody>>(await call(api, 'GET', '/api/v1/audit-events?action=user.updated', { as: 'readOnlyAuditor' }));
    expect(byAction.items).toHaveLength(1);
    const later = expectOk<PageBody<AuditBody>>(await call(api, 'GET', '/api/v1/audit-events?from=2025-03-01T09:00:00.500Z', { as: 'readOnlyAuditor' }));
    expect(later.items.map((e) => e.action)).toEqual(['user.updated']);
    const first = expectOk<PageBody<AuditBody>>(await call(api, 'GET', '/api/v1/audit-events?limit=1', { as: 'readOnlyAuditor' }));
    const next = expectOk<PageBody<AuditBody>>(await call(api, 'GET', `/api/v1/audit-events?limit=1&cursor=${first.nextCursor ?? ''}`, { as: 'readOnlyAuditor' }));
    expect(next.items[0]?.seq).toBe((first.items[0]?.seq ?? 0) - 1);
  });

  it('verifies the chain and notices tampering', async () => {
    expectOk(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { email: 'ada@example.test', displayName: 'Ada' } }), 201);
    const intact = expectOk<{ intact: boolean; events: number }>(await call(api, 'POST', '/api/v1/audit-events/verify', { as: 'readOnlyAuditor' }));
    expect(intact).toMatchObject({ intact: true });
    expect(intact.events).toBeGreaterThan(0);
    // Tamper with the stored trail behind the API's back.
    await api.database.db.updateTable('audit_events').set({ action: 'user.viewed' }).where('seq', '=', 2).execute();
    const broken = expectOk<{ intact: boolean; brokenAtSeq: number; reason: string }>(await call(api, 'POST', '/api/v1/audit-events/verify', { as: 'readOnlyAuditor' }));
    expect(broken).toMatchObject({ intact: false, brokenAtSeq: 2, reason: 'hashMismatch' });
  });

  it('is for auditors and global admins only', async () => {
    for (const role of ['helpDeskOperator', 'policyManager'] as const) {
      expectError(await call(api, 'GET', '/api/v1/audit-events', { as: role }), 403, 'FORBIDDEN');
      expectError(await call(api, 'POST', '/api/v1/audit-events/verify', { as: role }), 403, 'FORBIDDEN');
    }
    expectOk(await call(api, 'GET', '/api/v1/audit-events', { as: 'globalAdmin' }));
    expectError(await call(api, 'GET', '/api/v1/audit-events'), 401, 'UNAUTHENTICATED');
  });

  it.each([['from=last-week'], ['order=asc'], ['sort=action'], ['actor=me'], ['limit=1000']])('refuses the query %s', async (query) => {
    expectError(await call(api, 'GET', `/api/v1/audit-events?${query}`, { as: 'readOnlyAuditor' }), 400, 'VALIDATION_FAILED');
  });
});
