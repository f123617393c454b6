import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, hotp, listAuditEvents, totpStep, verifyTotpSecondFactor, type UserId } from '../src/index.js';
import { testDigests } from './support/deterministic-ports.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

// The TOTP second factor of a federated sign-in (no password): same reuse and lockout rules as
// core's password sign-in.

let env: CoreTestEnv;
let withTotp: UserId;
let withoutTotp: UserId;
const secret = new Uint8Array(randomBytes(20));
const origin = { via: 'api' as const, ip: '198.51.100.7' };

function code(offsetSteps = 0): string {
  return hotp(secret, totpStep(env.clock.now()) + offsetSteps, testDigests);
}

function check(userId: UserId, typed: string) {
  return verifyTotpSecondFactor(env.deps, { tenantId: env.tenant.id, userId, userName: 'x@example.test', code: typed, origin });
}

beforeAll(async () => {
  env = await openCoreTestEnv();
  withTotp = expectOk(await createUser(env.deps, env.system, { email: 'totp@example.test', displayName: 'Totp' })).id;
  withoutTotp = expectOk(await createUser(env.deps, env.system, { email: 'plain@example.test', displayName: 'Plain' })).id;
  const base = { tenantId: env.tenant.id, passwordHash: null, failedAttempts: 0, lockedUntil: null, passwordChangedAt: null, totpLastStep: null };
  await env.deps.stores.putCredentials({ ...base, userId: withTotp, totpSecretSealed: env.deps.secrets.seal(secret, `totp:${withTotp}`), totpState: 'enabled' });
  await env.deps.stores.putCredentials({ ...base, userId: withoutTotp, totpSecretSealed: null, totpState: 'none' });
});
afterAll(async () => {
  await env.dispose();
});

describe('verifyTotpSecondFactor', () => {
  it('accepts the current code once, and not again', async () => {
    expect(await check(withTotp, code())).toMatchObject({ ok: true });
    expect(await check(withTotp, code())).toMatchObject({ ok: false, code: 'INVALID_MFA_CODE' });
    env.clock.advance(30_000);
    expect(await check(withTotp, code())).toMatchObject({ ok: true });
  });

  it('refuses a user without an authenticator, and malformed or oversized codes', async () => {
    expect(await check(withoutTotp, '123456')).toMatchObject({ ok: false, code: 'INVALID_MFA_CODE' });
    env.clock.advance(30_000);
    // In batches of four, under the lockout of five: each wrong one counts, a right one resets the count.
    for (const batch of [['', 'abcdef', '12345', '1234567'], [`${code()} `, '١٢٣٤٥٦', 'x'.repeat(10_000)]]) {
      for (const typed of batch) expect(await check(withTotp, typed)).toMatchObject({ ok: false, code: 'INVALID_MFA_CODE' });
      expect((await env.deps.stores.getCredentials(env.tenant.id, withTotp))?.failedAttempts).toBe(batch.length);
      expect(await check(withTotp, code())).toMatchObject({ ok: true });
      expect((await env.deps.stores.getCredentials(env.tenant.id, withTotp))?.failedAttempts).toBe(0);
      env.clock.advance(30_000);
    }
  });

  it('locks the account after five wrong codes, refusing even the right one, and audits the lockout', async () => {
    env.clock.advance(30_000);
    expect(await check(withTotp, code())).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) await check(withTotp, code(5));
    env.clock.advance(30_000);
    expect(await check(withTotp, code())).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    const audit = expectOk(await listAuditEvents(env.deps, env.system, { limit: 50 }));
    expect(audit.items.some((e) => e.action === 'user.lockedOut' && e.target.id === withTotp)).toBe(true);
    env.clock.advance(15 * 60_000 + 1000);
    expect(await check(withTotp, code())).toMatchObject({ ok: true });
  });
});
