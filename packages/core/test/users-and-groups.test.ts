import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignRole,
  changeGroupMembers,
  createAdmin,
  createGroup,
  createUser,
  deleteUser,
  getUser,
  listAuditEvents,
  listGroupMembers,
  listUsers,
  previewGroupRule,
  recomputeGroupMembers,
  registerDevice,
  updateGroup,
  updateUser,
  verifyAuditChain,
  type Principal,
} from '../src/index.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

let env: CoreTestEnv;
beforeAll(async () => {
  env = await openCoreTestEnv();
});
afterAll(async () => env.dispose());

async function auditCount(): Promise<number> {
  return (await env.deps.stores.readAuditHead(env.tenant.id))?.seq ?? 0;
}

function as(role: Principal['grants'][number]['role'], scopeGroupIds: string[] | null = null, userId: string | null = null): Principal {
  return { ...env.system, userId: userId as Principal['userId'], actor: { type: 'user', id: userId ?? 'someone', name: role }, grants: [{ role, scopeGroupIds: scopeGroupIds as never }] };
}

describe('users', () => {
  it('creates, reads, updates and audits a user', async () => {
    const user = expectOk(await createUser(env.deps, env.system, { email: '  Ada@Example.com ', displayName: 'Ada Lovelace', department: 'Finance' }));
    expect(user.email).toBe('ada@example.com');
    expect(expectOk(await getUser(env.deps, env.system, user.id)).displayName).toBe('Ada Lovelace');
    const updated = expectOk(await updateUser(env.deps, env.system, user.id, { jobTitle: 'Analyst' }));
    expect(updated).toMatchObject({ jobTitle: 'Analyst', department: 'Finance' });
    const events = expectOk(await listAuditEvents(env.deps, env.system, { filter: { targetId: user.id } })).items;
    expect(events.map((e) => e.action)).toEqual(['user.updated', 'user.created']);
    expect(events[0]?.before).toMatchObject({ jobTitle: null });
    expect(events[0]?.after).toMatchObject({ jobTitle: 'Analyst' });
  });

  it('refuses a duplicate e-mail and bad fields, writing nothing', async () => {
    const before = await auditCount();
    expect(await createUser(env.deps, env.system, { email: 'ada@example.com', displayName: 'Other' })).toMatchObject({ ok: false, code: 'USER_EMAIL_TAKEN' });
    expect(await createUser(env.deps, env.system, { email: 'not-an-email', displayName: 'X' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await createUser(env.deps, env.system, { email: 'x@example.com', displayName: 'bad\u0000name' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await createUser(env.deps, env.system, { email: 'y@example.com', displayName: 'Y', attributes: { 'bad key': 'v' } })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await auditCount()).toBe(before);
    expect(expectOk(await listUsers(env.deps, env.system, { filter: { q: 'example.com' } })).items.map((u) => u.email)).toEqual(['ada@example.com']);
  });

  it('enforces roles: an auditor reads, a help desk operator cannot edit users', async () => {
    expect((await listUsers(env.deps, as('readOnlyAuditor'), {})).ok).toBe(true);
    expect(await createUser(env.deps, as('readOnlyAuditor'), { email: 'z@example.com', displayName: 'Z' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await createUser(env.deps, as('helpDeskOperator'), { email: 'z@example.com', displayName: 'Z' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('groups', () => {
  it('keeps static membership and refuses unknown members', async () => {
    const group = expectOk(await createGroup(env.deps, env.system, { name: 'Pilot', membershipType: 'static', memberType: 'user' }));
    const ada = expectOk(await listUsers(env.deps, env.system, { filter: { q: 'ada' } })).items[0]!;
    expect(expectOk(await changeGroupMembers(env.deps, env.system, group.id, { add: [ada.id] }))).toEqual({ added: 1, removed: 0 });
    expect(await changeGroupMembers(env.deps, env.system, group.id, { add: ['no-such-user'] })).toMatchObject({ ok: false, code: 'USER_NOT_FOUND' });
    expect(expectOk(await listGroupMembers(env.deps, env.system, group.id, {})).items.map((m) => m.memberId)).toEqual([ada.id]);
    expect(await createGroup(env.deps, env.system, { name: 'pilot', membershipType: 'static', memberType: 'user' })).toMatchObject({ ok: false, code: 'GROUP_NAME_TAKEN' });
  });

  it('fills a dynamic device group from its rule and follows changes of devices and users', async () => {
    const bob = expectOk(await createUser(env.deps, env.system, { email: 'bob@example.com', displayName: 'Bob', department: 'Sales' }));
    const linux = expectOk(await registerDevice(env.deps, env.system, { name: 'bob-laptop', platform: 'linux', ownership: 'corporate', primaryUserId: bob.id, facts: { osVersion: '24.04' } }));
    expectOk(await registerDevice(env.deps, env.system, { name: 'bob-phone', platform: 'ios', ownership: 'personal', primaryUserId: bob.id }));
    const group = expectOk(
      await createGroup(env.deps, env.system, {
        name: 'Corporate Linux in Finance',
        membershipType: 'dynamic',
        memberType: 'device',
        rule: 'device.platform == "linux" and device.ownership == "corporate" and user.department == "Finance"',
      }),
    );
    expect(expectOk(await recomputeGroupMembers(env.deps, env.tenant.id, group.id))).toEqual({ members: 0, added: 0, removed: 0 });
    // Bob moves to Finance: his Linux laptop joins at once, in the same transaction.
    expectOk(await updateUser(env.deps, env.system, bob.id, { department: 'Finance' }));
    expect(expectOk(await listGroupMembers(env.deps, env.system, group.id, {})).items.map((m) => m.memberId)).toEqual([linux.id]);
    // A full recompute agrees with the incremental result.
    expect(expectOk(await recomputeGroupMembers(env.deps, env.tenant.id, group.id))).toEqual({ members: 1, added: 0, removed: 0 });
    expect(await changeGroupMembers(env.deps, env.system, group.id, { add: [linux.id] })).toMatchObject({ ok: false, code: 'GROUP_NOT_STATIC' });
    const preview = expectOk(await previewGroupRule(env.deps, env.system, { memberType: 'device', rule: 'device.platform in ["ios", "linux"]' }));
    expect(preview).toMatchObject({ matched: 2, scanned: 2, complete: true });
  });

  it('refuses rules that do not parse, with the offset', async () => {
    const r = await createGroup(env.deps, env.system, { name: 'Broken', membershipType: 'dynamic', memberType: 'user', rule: 'user.department == ' });
    expect(r).toMatchObject({ ok: false, code: 'GROUP_RULE_INVALID', details: { reason: 'RULE_SYNTAX' } });
    const g = expectOk(await createGroup(env.deps, env.system, { name: 'Dyn', membershipType: 'dynamic', memberType: 'user', rule: 'user.disabled == false' }));
    expect(await updateGroup(env.deps, env.system, g.id, { rule: 'device.platform == "linux"' })).toMatchObject({ ok: false, code: 'GROUP_RULE_INVALID', details: { reason: 'RULE_UNKNOWN_ATTRIBUTE' } });
  });

  it('limits a scoped admin to the members of the scope groups', async () => {
    const pilot = expectOk(await listUsers(env.deps, env.system, {})).items;
    const group = expectOk(await createGroup(env.deps, env.system, { name: 'Scope', membershipType: 'static', memberType: 'user' }));
    const ada = pilot.find((u) => u.email === 'ada@example.com')!;
    const bob = pilot.find((u) => u.email === 'bob@example.com')!;
    expectOk(await changeGroupMembers(env.deps, env.system, group.id, { add: [ada.id] }));
    const scoped = as('globalAdmin', [group.id]);
    expect(expectOk(await listUsers(env.deps, scoped, {})).items.map((u) => u.email)).toEqual(['ada@example.com']);
    expect(await getUser(env.deps, scoped, bob.id)).toMatchObject({ ok: false, code: 'USER_NOT_FOUND' });
    expect(await updateUser(env.deps, scoped, bob.id, { jobTitle: 'x' })).toMatchObject({ ok: false, code: 'USER_NOT_FOUND' });
    expect((await updateUser(env.deps, scoped, ada.id, { jobTitle: 'Lead' })).ok).toBe(true);
    expect(await previewGroupRule(env.deps, scoped, { memberType: 'user', rule: 'user.disabled' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('admins', () => {
  it('never removes the last global admin, and the chain stays intact', async () => {
    const admin = expectOk(await createAdmin(env.deps, env.system, { email: 'root@example.com', role: 'globalAdmin' }));
    expect(admin.generatedPassword).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(await deleteUser(env.deps, env.system, admin.user.id)).toMatchObject({ ok: false, code: 'LAST_GLOBAL_ADMIN' });
    expect(await assignRole(env.deps, env.system, admin.user.id, { role: 'superuser' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await assignRole(env.deps, env.system, admin.user.id, { role: 'helpDeskOperator', scopeGroupIds: ['missing'] })).toMatchObject({ ok: false, code: 'GROUP_NOT_FOUND' });
    const report = await verifyAuditChain(env.deps, env.tenant.id);
    expect(report).toMatchObject({ intact: true });
    expect(report.events).toBeGreaterThan(10);
  });
});
