import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, registerDevice } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

interface GroupBody {
  id: string;
  name: string;
  description: string;
  membershipType: string;
  memberType: string;
  rule: string | null;
  memberCount: number;
}

interface MemberBody {
  memberId: string;
  memberType: string;
  label: string;
}

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi({ bodyLimit: 4096 });
});
afterEach(async () => {
  await api.close();
});

async function groupNames(): Promise<string[]> {
  const page = expectOk<PageBody<GroupBody>>(await call(api, 'GET', '/api/v1/groups?limit=500', { as: 'globalAdmin' }));
  return page.items.map((g) => g.name);
}

async function newUser(email: string, department = 'Sales'): Promise<string> {
  const created = await createUser(api.deps, api.system, { email, displayName: email, department });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

const sales = { name: 'Sales', description: 'Everyone selling', membershipType: 'static', memberType: 'user' };

describe('groups', () => {
  it('creates, reads, lists, patches and deletes a group', async () => {
    const created = await call(api, 'POST', '/api/v1/groups', { as: 'policyManager', body: sales });
    const group = expectOk<GroupBody>(created, 201);
    expect(group).toMatchObject({ ...sales, rule: null, memberCount: 0 });
    expect(created.headers.location).toBe(`/api/v1/groups/${group.id}`);
    expect(expectOk<GroupBody>(await call(api, 'GET', `/api/v1/groups/${group.id}`, { as: 'helpDeskOperator' })).name).toBe('Sales');
    const listed = expectOk<PageBody<GroupBody>>(await call(api, 'GET', '/api/v1/groups?q=sal&membershipType=static&memberType=user&sort=name&order=desc', { as: 'readOnlyAuditor' }));
    expect(listed.items.map((g) => g.id)).toEqual([group.id]);
    const patched = expectOk<GroupBody>(await call(api, 'PATCH', `/api/v1/groups/${group.id}`, { as: 'globalAdmin', body: { name: 'Sales EMEA', description: '' } }));
    expect(patched).toMatchObject({ name: 'Sales EMEA', description: '' });
    expect((await call(api, 'DELETE', `/api/v1/groups/${group.id}`, { as: 'policyManager' })).statusCode).toBe(204);
    expectError(await call(api, 'GET', `/api/v1/groups/${group.id}`, { as: 'globalAdmin' }), 404, 'GROUP_NOT_FOUND');
    expect(await groupNames()).toEqual([]);
  });

  it('adds, lists and removes members of a static group', async () => {
    const group = expectOk<GroupBody>(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: sales }), 201);
    const alice = await newUser('alice@example.test');
    const bob = await newUser('bob@example.test');
    const url = `/api/v1/groups/${group.id}/members`;
    expect(expectOk(await call(api, 'POST', url, { as: 'globalAdmin', body: { memberIds: [alice, bob] } }))).toEqual({ added: 2, removed: 0 });
    const members = expectOk<PageBody<MemberBody>>(await call(api, 'GET', `${url}?limit=1`, { as: 'readOnlyAuditor' }));
    expect(members.items).toHaveLength(1);
    expect(members.nextCursor).toEqual(expect.any(String));
    const rest = expectOk<PageBody<MemberBody>>(await call(api, 'GET', `${url}?limit=1&cursor=${members.nextCursor ?? ''}`, { as: 'readOnlyAuditor' }));
    expect([...members.items, ...rest.items].map((m) => m.label).sort()).toEqual(['alice@example.test', 'bob@example.test']);
    expect(expectOk(await call(api, 'DELETE', url, { as: 'globalAdmin', body: { memberIds: [alice] } }))).toEqual({ added: 0, removed: 1 });
    expect(expectOk<GroupBody>(await call(api, 'GET', `/api/v1/groups/${group.id}`, { as: 'globalAdmin' })).memberCount).toBe(1);

    // An unknown member refuses the whole change.
    const unknown = expectError(await call(api, 'POST', url, { as: 'globalAdmin', body: { memberIds: [alice, 'nobody'] } }), 404, 'USER_NOT_FOUND');
    expect(unknown.details).toEqual({ unknown: ['nobody'] });
    expect(expectOk<PageBody<MemberBody>>(await call(api, 'GET', url, { as: 'globalAdmin' })).items.map((m) => m.memberId)).toEqual([bob]);
    expectError(await call(api, 'POST', url, { as: 'globalAdmin', body: { memberIds: [] } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/groups/nothing/members', { as: 'globalAdmin' }), 404, 'GROUP_NOT_FOUND');
  });

  it('keeps dynamic groups to their rule', async () => {
    const dynamic = expectOk<GroupBody>(
      await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { name: 'All sales', membershipType: 'dynamic', memberType: 'user', rule: 'user.department == "Sales"' } }),
      201,
    );
    expect(dynamic.rule).toBe('user.department == "Sales"');
    const alice = await newUser('alice@example.test');
    expectError(await call(api, 'POST', `/api/v1/groups/${dynamic.id}/members`, { as: 'globalAdmin', body: { memberIds: [alice] } }), 409, 'GROUP_NOT_STATIC');
    const invalid = expectError(
      await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { name: 'Broken', membershipType: 'dynamic', memberType: 'user', rule: 'user.department ==' } }),
      400,
      'GROUP_RULE_INVALID',
    );
    expect(invalid.details).toMatchObject({ field: 'rule' });
    expect(await groupNames()).toEqual(['All sales']);
  });

  it('previews a rule without saving it', async () => {
    await newUser('alice@example.test', 'Sales');
    await newUser('bob@example.test', 'Support');
    const preview = expectOk<{ matched: number; complete: boolean; sample: { label: string }[] }>(
      await call(api, 'POST', '/api/v1/groups/preview-rule', { as: 'readOnlyAuditor', body: { memberType: 'user', rule: 'user.department == "Sales"' } }),
    );
    expect(preview).toMatchObject({ matched: 1, complete: true, sample: [{ label: 'alice@example.test' }] });
    expectError(await call(api, 'POST', '/api/v1/groups/preview-rule', { as: 'globalAdmin', body: { memberType: 'user', rule: 'user.nope ~~ 3' } }), 400, 'GROUP_RULE_INVALID');
    expect(await groupNames()).toEqual([]);
  });

  it('refuses malformed JSON, wrong types, unknown fields and oversized bodies, writing nothing', async () => {
    expectError(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', rawBody: '{"name": "A"' }), 400, 'VALIDATION_FAILED');
    const wrongEnum = expectError(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { ...sales, memberType: 'printer' } }), 400, 'VALIDATION_FAILED');
    expect(wrongEnum.details).toMatchObject({ path: '/memberType' });
    expectError(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { ...sales, name: 42 } }), 400, 'VALIDATION_FAILED');
    const unknown = expectError(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { ...sales, owner: 'me' } }), 400, 'VALIDATION_FAILED');
    expect(unknown.details).toMatchObject({ path: '/owner' });
    // The member type cannot be changed by a patch.
    const group = expectOk<GroupBody>(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: sales }), 201);
    expectError(await call(api, 'PATCH', `/api/v1/groups/${group.id}`, { as: 'globalAdmin', body: { memberType: 'device' } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { ...sales, name: 'Big', description: 'd'.repeat(5000) } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await call(api, 'POST', `/api/v1/groups/${group.id}/members`, { as: 'globalAdmin', body: { memberIds: 'alice' } }), 400, 'VALIDATION_FAILED');
    expect(await groupNames()).toEqual(['Sales']);
    expect(expectOk<GroupBody>(await call(api, 'GET', `/api/v1/groups/${group.id}`, { as: 'globalAdmin' })).memberType).toBe('user');
  });

  it('refuses a duplicate name with 409', async () => {
    expectOk(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: sales }), 201);
    expectError(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { ...sales, name: 'SALES' } }), 409, 'GROUP_NAME_TAKEN');
    const other = expectOk<GroupBody>(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { ...sales, name: 'Support' } }), 201);
    expectError(await call(api, 'PATCH', `/api/v1/groups/${other.id}`, { as: 'globalAdmin', body: { name: 'sales' } }), 409, 'GROUP_NAME_TAKEN');
    expect((await groupNames()).sort()).toEqual(['Sales', 'Support']);
  });

  it('answers 404 for groups that do not exist', async () => {
    expectError(await call(api, 'GET', '/api/v1/groups/none', { as: 'globalAdmin' }), 404, 'GROUP_NOT_FOUND');
    expectError(await call(api, 'PATCH', '/api/v1/groups/none', { as: 'globalAdmin', body: { name: 'X' } }), 404, 'GROUP_NOT_FOUND');
    expectError(await call(api, 'DELETE', '/api/v1/groups/none', { as: 'globalAdmin' }), 404, 'GROUP_NOT_FOUND');
    expectError(await call(api, 'DELETE', '/api/v1/groups/none/members', { as: 'globalAdmin', body: { memberIds: ['x'] } }), 404, 'GROUP_NOT_FOUND');
  });

  it('lets only roles with groups.write change groups', async () => {
    const group = expectOk<GroupBody>(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: sales }), 201);
    const alice = await newUser('alice@example.test');
    for (const role of ['helpDeskOperator', 'readOnlyAuditor'] as const) {
      expectError(await call(api, 'POST', '/api/v1/groups', { as: role, body: { ...sales, name: 'Other' } }), 403, 'FORBIDDEN');
      expectError(await call(api, 'PATCH', `/api/v1/groups/${group.id}`, { as: role, body: { name: 'Renamed' } }), 403, 'FORBIDDEN');
      expectError(await call(api, 'DELETE', `/api/v1/groups/${group.id}`, { as: role }), 403, 'FORBIDDEN');
      expectError(await call(api, 'POST', `/api/v1/groups/${group.id}/members`, { as: role, body: { memberIds: [alice] } }), 403, 'FORBIDDEN');
    }
    expect(await groupNames()).toEqual(['Sales']);
    expect(expectOk<GroupBody>(await call(api, 'GET', `/api/v1/groups/${group.id}`, { as: 'globalAdmin' })).memberCount).toBe(0);
  });

  it('needs a valid bearer token', async () => {
    expectError(await call(api, 'GET', '/api/v1/groups'), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'POST', '/api/v1/groups', { body: sales }), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'POST', '/api/v1/groups/import', { rawBody: 'name\nA\n', contentType: 'text/csv' }), 401, 'UNAUTHENTICATED');
    expect(await groupNames()).toEqual([]);
  });

  it('imports groups with members from CSV, all or nothing', async () => {
    await newUser('alice@example.test');
    const device = await registerDevice(api.deps, api.system, { name: 'Laptop 7', platform: 'macos', ownership: 'corporate', serialNumber: 'C02XYZ' });
    if (!device.ok) throw new Error(device.message);
    const csv = [
      'name,description,membershipType,memberType,rule,members',
      'Sales,,static,user,,alice@example.test',
      'Macs,,dynamic,device,"device.platform == ""macos""",',
      'Lab,,static,device,,C02XYZ',
    ].join('\n');
    expect(expectOk(await call(api, 'POST', '/api/v1/groups/import', { as: 'policyManager', rawBody: csv, contentType: 'text/csv' }))).toEqual({ created: 3, updated: 0, unchanged: 0, memberships: 2 });
    const bad = 'name,members\nOther,alice@example.test\nGhosts,nobody@example.test\n';
    const error = expectError(await call(api, 'POST', '/api/v1/groups/import', { as: 'globalAdmin', rawBody: bad, contentType: 'text/csv' }), 400, 'IMPORT_INVALID');
    expect(error.details).toMatchObject({ problems: [{ line: 3, field: 'members' }] });
    expectError(await call(api, 'POST', '/api/v1/groups/import', { as: 'helpDeskOperator', rawBody: csv, contentType: 'text/csv' }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', '/api/v1/groups/import', { as: 'globalAdmin', body: { name: 'x' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await groupNames()).sort()).toEqual(['Lab', 'Macs', 'Sales']);
  });
});
