import { describe, expect, it } from 'vitest';
import type { Passkey, UserId } from '@ward/core';
import { at, makeUser, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { testDialects } from './support/test-database.js';

describe.each(testDialects)('passkey and recovery code stores on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  async function user(id: string, tenant = s.tenant): Promise<UserId> {
    const u = makeUser(tenant, id);
    await s.set.stores.insertUser(u);
    return u.id;
  }

  function passkey(userId: UserId, id: string, over: Partial<Passkey> = {}): Passkey {
    return { id, tenantId: s.tenant, userId, credentialId: `cred-${id}`, publicKey: new Uint8Array([1, 2, 3, 255]), signCount: 0, transports: ['internal', 'hybrid'], name: `Key ${id}`, backupEligible: true, backedUp: false, createdAt: t0, lastUsedAt: null, ...over };
  }

  it('keeps passkeys per user, refuses a credential id twice in a tenant, records uses and deletes only the owner’s', async () => {
    const { stores } = s.set;
    const ada = await user('pk-ada');
    const bob = await user('pk-bob');
    expect(await stores.insertPasskey(passkey(ada, 'p1'))).toBe(true);
    expect(await stores.insertPasskey(passkey(ada, 'p2', { signCount: 4_294_967_295 }))).toBe(true);
    expect(await stores.insertPasskey(passkey(bob, 'p3', { credentialId: 'cred-p1' }))).toBe(false);
    expect((await stores.listPasskeys(s.tenant, ada)).map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(await stores.findPasskeyByCredentialId(s.tenant, 'cred-p2')).toEqual(passkey(ada, 'p2', { signCount: 4_294_967_295 }));
    expect(await stores.findPasskeyByCredentialId(s.other, 'cred-p2')).toBeUndefined();
    expect(await stores.recordPasskeyUse(s.tenant, 'p1', 7, true, at(1000))).toBe(true);
    expect(await stores.findPasskeyByCredentialId(s.tenant, 'cred-p1')).toMatchObject({ signCount: 7, backedUp: true, lastUsedAt: at(1000) });
    expect(await stores.deletePasskey(s.tenant, bob, 'p1')).toBe(false);
    expect(await stores.deletePasskey(s.tenant, ada, 'p1')).toBe(true);
    expect((await stores.listPasskeys(s.tenant, ada)).map((p) => p.id)).toEqual(['p2']);
  });

  it('gives a challenge to exactly one taker and sweeps a user’s expired ones', async () => {
    const { stores } = s.set;
    const ada = await user('ch-ada');
    await stores.insertWebAuthnChallenge({ challenge: 'c1', tenantId: s.tenant, userId: ada, ceremony: 'registration', expiresAt: at(60_000) });
    await stores.insertWebAuthnChallenge({ challenge: 'c2', tenantId: s.tenant, userId: ada, ceremony: 'authentication', expiresAt: at(-1) });
    expect(await stores.takeWebAuthnChallenge(s.other, 'c1')).toBeUndefined();
    const [a, b] = await Promise.all([stores.takeWebAuthnChallenge(s.tenant, 'c1'), stores.takeWebAuthnChallenge(s.tenant, 'c1')]);
    expect([a, b].filter((x) => x !== undefined)).toEqual([{ challenge: 'c1', tenantId: s.tenant, userId: ada, ceremony: 'registration', expiresAt: at(60_000) }]);
    await stores.deleteExpiredWebAuthnChallenges(s.tenant, ada, t0);
    expect(await stores.takeWebAuthnChallenge(s.tenant, 'c2')).toBeUndefined();
  });

  it('uses each recovery code once, even concurrently, and replaces the set', async () => {
    const { stores } = s.set;
    const ada = await user('rc-ada');
    await stores.replaceRecoveryCodes(s.tenant, ada, ['h1', 'h2', 'h3'], t0);
    expect(await stores.countUnusedRecoveryCodes(s.tenant, ada)).toBe(3);
    const both = await Promise.all([stores.consumeRecoveryCode(s.tenant, ada, 'h1', at(1)), stores.consumeRecoveryCode(s.tenant, ada, 'h1', at(2))]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await stores.consumeRecoveryCode(s.tenant, ada, 'nope', at(3))).toBe(false);
    expect(await stores.consumeRecoveryCode(s.other, ada, 'h2', at(3))).toBe(false);
    expect(await stores.countUnusedRecoveryCodes(s.tenant, ada)).toBe(2);
    await stores.replaceRecoveryCodes(s.tenant, ada, ['h9'], at(10));
    expect(await stores.consumeRecoveryCode(s.tenant, ada, 'h2', at(11))).toBe(false);
    expect(await stores.countUnusedRecoveryCodes(s.tenant, ada)).toBe(1);
  });
});
