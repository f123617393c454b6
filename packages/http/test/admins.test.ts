import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroup } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type TestApi } from './support/test-api.js';

interface AssignmentBody {
  id: string;
  userId: string;
  role: string;
  scopeGroupIds: string[] | null;
}

interface AdminBody {
  user: { id: string; email: string };
  roles: AssignmentBody[];
}

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi({ bodyLimit: 2048 });
});
afterEach(async () => {
  await api.close();
});

async function admins(): Promise<Record<string, string[]>> {
  const list = expectOk<{ items: AdminBody[]; nextCursor: null }>(await call(api, 'GET', '/api/v1/admins', { as: 'globalAdmin' }));
  expect(list.nextCursor).toBeNull();
  return Object.fromEntries(list.items.map((a) => [a.user.email, a.roles.map((r) => r.role).sort()]));
}

const seeded = {
  'globaladmin@example.test': ['globalAdmin'],
  'helpdeskoperator@example.test': ['helpDeskOperator'],
  'policymanager@example.test': ['policyManager'],
  'readonlyauditor@example.test': ['readOnlyAuditor'],
};

describe('admins and roles', () => {
  it('creates an admin with a generated password that signs in', async () => {
    const response = await call(api, 'POST', '/api/v1/admins', { as: 'globalAdmin', body: { email: 'New.Admin@example.test', role: 'helpDeskOperator' } });
    const created = expectOk<{ user: { email: string }; assignment: AssignmentBody; generatedPassword: string }>(response, 201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(created.assignment).toMatchObject({ role: 'helpDeskOperator', scopeGroupIds: null });
    expect(created.generatedPassword).toMatch(/^\S{24}$/);
    expectOk(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: 'new.admin@example.test', password: created.generatedPassword } }));
    expect(await admins()).toEqual({ ...seeded, 'new.admin@example.test': ['helpDeskOperator'] });
  });

  it('grants and removes scoped roles', async () => {
    const lab = await createGroup(api.deps, api.system, { name: 'Lab', membershipType: 'static', memberType: 'device' });
    if (!lab.ok) throw new Error(lab.message);
    const userId = api.admins.helpDeskOperator.user.id;
    const granted = expectOk<AssignmentBody>(await call(api, 'POST', `/api/v1/admins/${userId}/roles`, { as: 'globalAdmin', body: { role: 'policyManager', scopeGroupIds: [lab.value.id] } }), 201);
    expect(granted).toMatchObject({ userId, role: 'policyManager', scopeGroupIds: [lab.value.id] });
    expect((await admins())['helpdeskoperator@example.test']).toEqual(['helpDeskOperator', 'policyManager']);
    expect((await call(api, 'DELETE', `/api/v1/admins/${userId}/roles/${granted.id}`, { as: 'globalAdmin' })).statusCode).toBe(204);
    expectError(await call(api, 'DELETE', `/api/v1/admins/${userId}/roles/${granted.id}`, { as: 'globalAdmin' }), 404, 'ROLE_ASSIGNMENT_NOT_FOUND');
    expect(await admins()).toEqual(seeded);
  });

  it('keeps the last global admin', async () => {
    const list = expectOk<{ items: AdminBody[] }>(await call(api, 'GET', '/api/v1/admins', { as: 'globalAdmin' }));
    const global = list.items.find((a) => a.user.email === 'globaladmin@example.test');
    const assignment = global?.roles[0];
    expectError(await call(api, 'DELETE', `/api/v1/admins/${global?.user.id ?? ''}/roles/${assignment?.id ?? ''}`, { as: 'globalAdmin' }), 409, 'LAST_GLOBAL_ADMIN');
    expectError(await call(api, 'DELETE', `/api/v1/users/${global?.user.id ?? ''}`, { as: 'globalAdmin' }), 409, 'LAST_GLOBAL_ADMIN');
    expect(await admins()).toEqual(seeded);
  });

  it('lets only global admins manage admins', async () => {
    const userId = api.admins.readOnlyAuditor.user.id;
    for (const role of ['policyManager', 'helpDeskOperator', 'readOnlyAuditor'] as const) {
      expectError(await call(api, 'POST', '/api/v1/admins', { as: role, body: { email: 'sneaky@example.test', role: 'globalAdmin' } }), 403, 'FORBIDDEN');
      expectError(await call(api, 'POST', `/api/v1/admins/${userId}/roles`, { as: role, body: { role: 'globalAdmin' } }), 403, 'FORBIDDEN');
    }
    expectOk(await call(api, 'GET', '/api/v1/admins', { as: 'readOnlyAuditor' }));
    expect(await admins()).toEqual(seeded);
  });

  it('validates input and answers 404 for unknown users and groups', async () => {
    expectError(await call(api, 'POST', '/api/v1/admins', { as: 'globalAdmin', rawBody: '{"email":' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/admins', { as: 'globalAdmin', body: { email: 'a@b.test', role: 'superuser' } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/admins', { as: 'globalAdmin', body: { email: 'a@b.test', role: 'globalAdmin', scopeGroupIds: 'all' } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/admins', { as: 'globalAdmin', body: { email: 'a@b.test', role: 'globalAdmin', mfa: false } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/admins', { as: 'globalAdmin', body: { email: 'a@b.test', role: 'globalAdmin', password: 'short' } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/admins', { as: 'globalAdmin', body: { email: 'a@b.test', role: 'globalAdmin', displayName: 'd'.repeat(3000) } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await call(api, 'POST', '/api/v1/admins', { as: 'globalAdmin', body: { email: 'a@b.test', role: 'policyManager', scopeGroupIds: ['nope'] } }), 404, 'GROUP_NOT_FOUND');
    expectError(await call(api, 'POST', '/api/v1/admins/nobody/roles', { as: 'globalAdmin', body: { role: 'policyManager' } }), 404, 'USER_NOT_FOUND');
    expectError(await call(api, 'GET', '/api/v1/admins'), 401, 'UNAUTHENTICATED');
    expect(await admins()).toEqual(seeded);
  });
});
