import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateBearer,
  beginTotpEnrollment,
  base32Decode,
  confirmTotpEnrollment,
  createAdmin,
  createApiToken,
  hotp,
  listApiTokens,
  listAdmins,
  removeRoleAssignment,
  resetAdminPassword,
  revokeApiToken,
  signIn,
  signOut,
  totpStep,
  verifyAuditChain,
  type Principal,
} from '../src/index.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

let env: CoreTestEnv;
const origin = { via: 'api' as const, ip: '127.0.0.1' };
const password = 'correct horse battery staple';

beforeAll(async () => {
  env = await openCoreTestEnv();
  expectOk(await createAdmin(env.deps, env.system, { email: 'root@example.com', role: 'globalAdmin', password }));
  expectOk(await createAdmin(env.deps, env.system, { email: 'desk@example.com', role: 'helpDeskOperator', password }));
});
afterAll(async () => env.dispose());

async function sessionOf(email: string, totpCode?: string): Promise<{ bearer: string; principal: Principal }> {
  const signed = expectOk(await signIn(env.deps, { email, password, ...(totpCode === undefined ? {} : { totpCode }) }, origin));
  return { bearer: signed.bearer, principal: expectOk(await authenticateBearer(env.deps, signed.bearer, origin)) };
}

describe('sign-in', () => {
  it('signs in with a password and acts with the role assignments', async () => {
    const { principal } = await sessionOf('ROOT@example.com');
    expect(principal.grants).toEqual([{ role: 'globalAdmin', scopeGroupIds: null }]);
    expect(principal.actor).toMatchObject({ type: 'user', name: 'root@example.com' });
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    expect(await signIn(env.deps, { email: 'root@example.com', password: 'wrong password!' }, origin)).toMatchObject({ ok: false, code: 'INVALID_CREDENTIALS' });
    expect(await signIn(env.deps, { email: 'nobody@example.com', password }, origin)).toMatchObject({ ok: false, code: 'INVALID_CREDENTIALS' });
    expect(await signIn(env.deps, { email: 'root@example.com', password, tenant: 'no-such-tenant' }, origin)).toMatchObject({ ok: false, code: 'INVALID_CREDENTIALS' });
  });

  it('locks an account after five failures, for fifteen minutes', async () => {
    for (let i = 0; i < 5; i++) expect(await signIn(env.deps, { email: 'desk@example.com', password: `guess number ${i}` }, origin)).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await signIn(env.deps, { email: 'desk@example.com', password }, origin)).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    env.clock.advance(15 * 60_000 + 1);
    expect((await signIn(env.deps, { email: 'desk@example.com', password }, origin)).ok).toBe(true);
  });

  it('requires TOTP once enrolled, and refuses a replayed code', async () => {
    const { principal } = await sessionOf('root@example.com');
    const enrollment = expectOk(await beginTotpEnrollment(env.deps, principal));
    expect(enrollment.otpauthUri).toContain('otpauth://totp/Ward:root%40example.com');
    const secret = base32Decode(enrollment.secret)!;
    const code = (): string => hotp(secret, totpStep(env.clock.now()), env.deps.digests);
    expect(await confirmTotpEnrollment(env.deps, principal, '000000')).toMatchObject({ ok: false, code: 'INVALID_MFA_CODE' });
    expectOk(await confirmTotpEnrollment(env.deps, principal, code()));
    expect(await beginTotpEnrollment(env.deps, principal)).toMatchObject({ ok: false, code: 'TOTP_ALREADY_ENABLED' });
    env.clock.advance(30_000);
    expect(await signIn(env.deps, { email: 'root@example.com', password }, origin)).toMatchObject({ ok: false, code: 'MFA_REQUIRED' });
    const fresh = code();
    expect((await signIn(env.deps, { email: 'root@example.com', password, totpCode: fresh }, origin)).ok).toBe(true);
    expect(await signIn(env.deps, { email: 'root@example.com', password, totpCode: fresh }, origin)).toMatchObject({ ok: false, code: 'INVALID_MFA_CODE' });
    // A lost phone: another admin resets password and TOTP, which also ends every session.
    const reset = expectOk(await resetAdminPassword(env.deps, env.system, { email: 'root@example.com', resetTotp: true }));
    expect(reset.generated).toBe(true);
    expect((await signIn(env.deps, { email: 'root@example.com', password: reset.password }, origin)).ok).toBe(true);
    expectOk(await resetAdminPassword(env.deps, env.system, { email: 'root@example.com', password }));
  });

  it('signs out a session', async () => {
    const { bearer, principal } = await sessionOf('desk@example.com');
    expectOk(await signOut(env.deps, principal, bearer));
    expect(await authenticateBearer(env.deps, bearer, origin)).toMatchObject({ ok: false, code: 'TOKEN_REVOKED' });
  });
});

describe('API tokens', () => {
  it('carry a role the owner holds, expire, revoke, and die with the role', async () => {
    const { principal: root } = await sessionOf('desk@example.com');
    expect(await createApiToken(env.deps, root, { name: 'too much', role: 'globalAdmin', expiresInDays: 30 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await createApiToken(env.deps, root, { name: 'forever', role: 'helpDeskOperator', expiresInDays: 5000 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const created = expectOk(await createApiToken(env.deps, root, { name: 'ci', role: 'helpDeskOperator', expiresInDays: 1 }));
    expect(created.bearer).toMatch(/^wrd_at\./);
    expect(JSON.stringify(created.token)).not.toContain(created.bearer.split('.')[2]!);
    const principal = expectOk(await authenticateBearer(env.deps, created.bearer, origin));
    expect(principal.actor.type).toBe('apiToken');
    expect(principal.grants).toEqual([{ role: 'helpDeskOperator', scopeGroupIds: null }]);
    expect(expectOk(await listApiTokens(env.deps, root)).map((t) => t.name)).toEqual(['ci']);
    // A flipped character in the secret is an unknown token, not a revoked one.
    const tampered = created.bearer.slice(0, -1) + (created.bearer.endsWith('A') ? 'B' : 'A');
    expect(await authenticateBearer(env.deps, tampered, origin)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await authenticateBearer(env.deps, 'Bearer nonsense', origin)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    env.clock.advance(86_400_000 + 1);
    expect(await authenticateBearer(env.deps, created.bearer, origin)).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED' });

    const second = expectOk(await createApiToken(env.deps, root, { name: 'second', role: 'helpDeskOperator', expiresInDays: 30 }));
    expectOk(await revokeApiToken(env.deps, root, second.token.id));
    expect(await authenticateBearer(env.deps, second.bearer, origin)).toMatchObject({ ok: false, code: 'TOKEN_REVOKED' });

    const third = expectOk(await createApiToken(env.deps, root, { name: 'third', role: 'helpDeskOperator', expiresInDays: 30 }));
    const desk = expectOk(await listAdmins(env.deps, env.system)).find((a) => a.user.email === 'desk@example.com')!;
    expectOk(await removeRoleAssignment(env.deps, env.system, desk.user.id, desk.roles[0]!.id));
    expect(await authenticateBearer(env.deps, third.bearer, origin)).toMatchObject({ ok: false, code: 'TOKEN_REVOKED' });
  });
});

describe('audit chain', () => {
  it('detects a row changed, removed from the middle, or cut from the end', async () => {
    expect(await verifyAuditChain(env.deps, env.tenant.id)).toMatchObject({ intact: true });
    const db = env.database.db;
    await sql`update audit_events set action = 'user.nothingHappened' where seq = 3`.execute(db);
    expect(await verifyAuditChain(env.deps, env.tenant.id)).toMatchObject({ intact: false, brokenAtSeq: 3, reason: 'hashMismatch' });
    await sql`delete from audit_events where seq = 3`.execute(db);
    expect(await verifyAuditChain(env.deps, env.tenant.id)).toMatchObject({ intact: false, brokenAtSeq: 3, reason: 'sequenceGap' });
    const head = (await env.deps.stores.readAuditHead(env.tenant.id))!;
    await sql`delete from audit_events where seq >= 3`.execute(db);
    expect(await verifyAuditChain(env.deps, env.tenant.id)).toMatchObject({ intact: false, brokenAtSeq: 3, reason: 'headMismatch' });
    expect(head.seq).toBeGreaterThan(3);
  });
});
