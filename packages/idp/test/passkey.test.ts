import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  beginPasskeyAuthentication,
  beginPasskeyRegistration,
  createUser,
  finishPasskeyAuthentication,
  finishPasskeyRegistration,
  generateRecoveryCodes,
  listPasskeys,
  removePasskey,
  systemPrincipal,
  useRecoveryCode,
  type Digests,
  type Ids,
  type Principal,
  type TenantId,
  type User,
  type WardStores,
  type Deps,
} from '@ward/core';
import { createStores, migrateToLatest, openDatabase, type WardDatabase } from '@ward/store';
import { createPasskeyVerifier } from '../src/index.js';
import { SoftwareAuthenticator } from './support/software-authenticator.js';

// Passkeys and recovery codes through core's use cases, the real @simplewebauthn verifier and the
// SQLite store, with a software authenticator standing in for the hardware: replayed challenges,
// a foreign origin or RP ID, a counter going backwards and a reused recovery code are refused.

const origin = 'https://ward.example.com';
const rp = { id: 'ward.example.com', name: 'Ward' };
const digests: Digests = {
  sha256Hex: (d) => createHash('sha256').update(d).digest('hex'),
  hmac: (alg, key, data) => new Uint8Array(createHmac(alg, key).update(data).digest()),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};
let n = 0;
const ids: Ids = { newId: () => `0190d000-0000-7000-8000-${(n++).toString(16).padStart(12, '0')}`, randomBytes: (k) => new Uint8Array(randomBytes(k)) };
const clock = { now: () => new Date() };
const via = { via: 'api' as const };

let dir: string;
let database: WardDatabase;
let deps: Deps<WardStores>;
let tenantId: TenantId;
let ada: User;
let me: Principal;
const verifier = createPasskeyVerifier({ relyingParty: rp, origins: [origin] });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ward-passkey-'));
  database = openDatabase({ sqlitePath: join(dir, 'ward.db') });
  await migrateToLatest(database);
  const set = createStores(database, { digests, ids, clock });
  tenantId = ids.newId() as TenantId;
  await set.stores.insertTenant({ id: tenantId, slug: 'default', name: 'Default', createdAt: new Date() });
  deps = { clock, ids, digests, stores: set.stores, tx: set.tx };
  const created = await createUser(deps, systemPrincipal(tenantId, 'cli'), { email: 'ada@example.com', displayName: 'Ada' });
  if (!created.ok) throw new Error(created.message);
  ada = created.value;
  await set.stores.putCredentials({ userId: ada.id, tenantId, passwordHash: null, totpSecretSealed: null, totpState: 'none', totpLastStep: null, failedAttempts: 0, lockedUntil: null, passwordChangedAt: null });
  me = { tenantId, userId: ada.id, actor: { type: 'user', id: ada.id, name: ada.email }, grants: [], origin: via };
});

afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

async function register(authenticator: SoftwareAuthenticator, name = 'Laptop') {
  const options = await beginPasskeyRegistration({ ...deps, relyingParty: rp }, me);
  if (!options.ok) throw new Error(options.message);
  const response = authenticator.register({ challenge: options.value.challenge, origin, rpId: rp.id });
  return { options: options.value, response, result: await finishPasskeyRegistration({ ...deps, passkeys: verifier }, me, { challenge: options.value.challenge, response, name }) };
}

async function signInWith(authenticator: SoftwareAuthenticator, over: { origin?: string; rpId?: string; step?: number } = {}) {
  const options = await beginPasskeyAuthentication({ ...deps, relyingParty: rp }, { tenantId, userId: ada.id });
  if (options === undefined) throw new Error('no passkeys');
  const response = authenticator.authenticate({ challenge: options.challenge, origin: over.origin ?? origin, rpId: over.rpId ?? rp.id }, over.step ?? 1);
  const input = { tenantId, userId: ada.id, userName: ada.email, challenge: options.challenge, response, origin: via };
  return { input, result: await finishPasskeyAuthentication({ ...deps, passkeys: verifier }, input) };
}

describe('passkeys', () => {
  const laptop = new SoftwareAuthenticator();

  it('registers a passkey, lists it, and signs in with it as a device-bound key (hwk)', async () => {
    const { options, result } = await register(laptop, '  MacBook\u0007 Touch ID ');
    expect(options.rp).toEqual(rp);
    expect(options.authenticatorSelection.userVerification).toBe('required');
    expect(result).toMatchObject({ ok: true, value: { name: 'MacBook Touch ID', transports: ['internal'], synced: false, lastUsedAt: null } });
    const listed = await listPasskeys(deps, me);
    expect(listed.ok && listed.value.passkeys.map((p) => p.name)).toEqual(['MacBook Touch ID']);

    const again = await beginPasskeyRegistration({ ...deps, relyingParty: rp }, me);
    expect(again.ok && again.value.excludeCredentials.map((c) => c.id)).toEqual([laptop.id]);

    const { result: signedIn } = await signInWith(laptop);
    expect(signedIn).toMatchObject({ ok: true, value: { method: 'hwk' } });
    const after = await listPasskeys(deps, me);
    expect(after.ok && after.value.passkeys[0]?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a replayed registration and a replayed assertion: each challenge is used once', async () => {
    const phone = new SoftwareAuthenticator({ backedUp: true });
    const first = await register(phone, 'Phone');
    expect(first.result.ok).toBe(true);
    const replay = await finishPasskeyRegistration({ ...deps, passkeys: verifier }, me, { challenge: first.options.challenge, response: first.response });
    expect(replay).toMatchObject({ ok: false, code: 'PASSKEY_CHALLENGE_INVALID' });

    const { input, result } = await signInWith(phone);
    expect(result).toMatchObject({ ok: true, value: { method: 'swk' } });
    expect(await finishPasskeyAuthentication({ ...deps, passkeys: verifier }, input)).toMatchObject({ ok: false, code: 'PASSKEY_CHALLENGE_INVALID' });
  });

  it('refuses a registration challenge used for a sign-in, and a credential registered twice', async () => {
    const options = await beginPasskeyRegistration({ ...deps, relyingParty: rp }, me);
    if (!options.ok) throw new Error(options.message);
    const response = laptop.authenticate({ challenge: options.value.challenge, origin, rpId: rp.id });
    const crossed = await finishPasskeyAuthentication({ ...deps, passkeys: verifier }, { tenantId, userId: ada.id, userName: ada.email, challenge: options.value.challenge, response, origin: via });
    expect(crossed).toMatchObject({ ok: false, code: 'PASSKEY_CHALLENGE_INVALID' });
    const twice = await register(laptop);
    expect(twice.result).toMatchObject({ ok: false, code: 'PASSKEY_ALREADY_REGISTERED' });
  });

  it('refuses a response made for another origin or another RP ID', async () => {
    expect((await signInWith(laptop, { origin: 'https://evil.example.net' })).result).toMatchObject({ ok: false, code: 'PASSKEY_INVALID' });
    expect((await signInWith(laptop, { rpId: 'evil.example.net' })).result).toMatchObject({ ok: false, code: 'PASSKEY_INVALID' });
    const options = await beginPasskeyRegistration({ ...deps, relyingParty: rp }, me);
    if (!options.ok) throw new Error(options.message);
    const foreign = new SoftwareAuthenticator().register({ challenge: options.value.challenge, origin: 'https://evil.example.net', rpId: rp.id });
    expect(await finishPasskeyRegistration({ ...deps, passkeys: verifier }, me, { challenge: options.value.challenge, response: foreign })).toMatchObject({ ok: false, code: 'PASSKEY_INVALID' });
  });

  it('refuses a counter that does not move forward (a cloned authenticator) and audits it', async () => {
    // Earlier refused attempts moved the authenticator's counter; one accepted sign-in stores where it is.
    expect((await signInWith(laptop)).result.ok).toBe(true);
    expect((await signInWith(laptop, { step: 0 })).result).toMatchObject({ ok: false, code: 'PASSKEY_COUNTER_REGRESSED' });
    expect((await signInWith(laptop, { step: -1 })).result).toMatchObject({ ok: false, code: 'PASSKEY_COUNTER_REGRESSED' });
    // The real authenticator moves on past the stored counter and is accepted again.
    expect((await signInWith(laptop, { step: 5 })).result.ok).toBe(true);
  });

  it('refuses hostile and malformed responses without throwing', async () => {
    for (const response of [undefined, null, 'x', 42, [], {}, { id: laptop.id }, { id: laptop.id, rawId: laptop.id, type: 'public-key', response: { clientDataJSON: '!!', authenticatorData: 'AA', signature: 'AA' } }, { id: 'A'.repeat(5000), rawId: 'A'.repeat(5000), type: 'public-key', response: {} }]) {
      const options = await beginPasskeyAuthentication({ ...deps, relyingParty: rp }, { tenantId, userId: ada.id });
      const result = await finishPasskeyAuthentication({ ...deps, passkeys: verifier }, { tenantId, userId: ada.id, userName: ada.email, challenge: options?.challenge ?? '', response, origin: via });
      expect(result).toMatchObject({ ok: false, code: 'PASSKEY_INVALID' });
    }
    const bogus = await finishPasskeyAuthentication({ ...deps, passkeys: verifier }, { tenantId, userId: ada.id, userName: ada.email, challenge: 'not a challenge', response: {}, origin: via });
    expect(bogus).toMatchObject({ ok: false, code: 'PASSKEY_CHALLENGE_INVALID' });
  });

  it('removes only the caller’s own passkey, and refuses API tokens', async () => {
    const listed = await listPasskeys(deps, me);
    const id = listed.ok ? listed.value.passkeys[0]?.id ?? '' : '';
    const token: Principal = { ...me, actor: { type: 'apiToken', id: 'tok', name: 'automation' } };
    expect(await removePasskey(deps, token, id)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await listPasskeys(deps, token)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await removePasskey(deps, me, 'no-such-passkey')).toMatchObject({ ok: false, code: 'PASSKEY_NOT_FOUND' });
    expect(await removePasskey(deps, me, id)).toMatchObject({ ok: true });
    expect(await removePasskey(deps, me, id)).toMatchObject({ ok: false, code: 'PASSKEY_NOT_FOUND' });
  });
});

describe('recovery codes', () => {
  it('gives ten distinct codes, each usable once, in any case and spacing; a new set voids the old', async () => {
    const generated = await generateRecoveryCodes(deps, me);
    if (!generated.ok) throw new Error(generated.message);
    const codes = generated.value.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/u);
    const use = (code: string) => useRecoveryCode(deps, { tenantId, userId: ada.id, userName: ada.email, code, origin: via });

    expect(await use(codes[0]!.toLowerCase().replaceAll('-', ' '))).toMatchObject({ ok: true, value: { remaining: 9 } });
    expect(await use(codes[0]!)).toMatchObject({ ok: false, code: 'INVALID_RECOVERY_CODE' });
    const listed = await listPasskeys(deps, me);
    expect(listed.ok && listed.value.recoveryCodesLeft).toBe(9);

    const renewed = await generateRecoveryCodes(deps, me);
    expect(renewed.ok).toBe(true);
    expect(await use(codes[1]!)).toMatchObject({ ok: false, code: 'INVALID_RECOVERY_CODE' });
  });

  it('counts wrong codes towards the lockout, and a locked account takes no code', async () => {
    const generated = await generateRecoveryCodes(deps, me);
    if (!generated.ok) throw new Error(generated.message);
    const credentials = await deps.stores.getCredentials(tenantId, ada.id);
    if (credentials === undefined) throw new Error('no credentials');
    await deps.stores.putCredentials({ ...credentials, failedAttempts: 0, lockedUntil: null });
    const use = (code: string) => useRecoveryCode(deps, { tenantId, userId: ada.id, userName: ada.email, code, origin: via });
    for (const wrong of ['', 'x'.repeat(10_000), '0000-0000-0000-0000', '<script>', 'AAAA-AAAA-AAAA-AAAA']) expect(await use(wrong)).toMatchObject({ ok: false, code: 'INVALID_RECOVERY_CODE' });
    expect(await use(generated.value.codes[0]!)).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
  });
});
