import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestIdentity, type TestIdentity } from '../test-support/test-identity.js';
import { checkCommandAuthenticity } from './check-command-authenticity.js';
import { commandSigningKey } from './command-signing-key.js';

describe('checkCommandAuthenticity', () => {
  let t: TestIdentity;
  const script = { interpreter: 'sh', script: 'echo hello', timeoutSeconds: 30 };
  beforeAll(async () => {
    t = await createTestIdentity('device-1');
  });
  const context = () => ({ deviceId: 'device-1', signingKey: commandSigningKey(t.identity.commandSigningKeyPem), now: new Date() });

  it('accepts a command signed for this device with the pinned key, DER or raw r‖s', () => {
    expect(checkCommandAuthenticity(t.command('runScript', script), context())).toEqual({ ok: true });
    expect(checkCommandAuthenticity(t.command('runScript', script, { encoding: 'ieee-p1363' }), context())).toEqual({ ok: true });
  });

  it('refuses a tampered payload, type, id or expiry', () => {
    const signed = t.command('runScript', script);
    const refused = { ok: false, error: 'signature invalid' };
    expect(checkCommandAuthenticity({ ...signed, payload: { ...script, script: 'rm -rf /' } }, context())).toEqual(refused);
    expect(checkCommandAuthenticity({ ...signed, type: 'retire' }, context())).toEqual(refused);
    expect(checkCommandAuthenticity({ ...signed, id: 'other' }, context())).toEqual(refused);
    expect(checkCommandAuthenticity({ ...signed, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }, context())).toEqual(refused);
  });

  it('refuses a command signed for another device', () => {
    expect(checkCommandAuthenticity(t.command('runScript', script, { deviceId: 'device-2' }), context())).toEqual({ ok: false, error: 'signature invalid' });
  });

  it('refuses a command signed with another key', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
    expect(checkCommandAuthenticity(t.command('runScript', script), { ...context(), signingKey: other })).toEqual({ ok: false, error: 'signature invalid' });
  });

  it('refuses missing or garbage signatures', () => {
    const signed = t.command('sync');
    for (const signature of ['', 'not base64!', Buffer.alloc(64).toString('base64'), Buffer.alloc(72, 1).toString('base64')]) {
      expect(checkCommandAuthenticity({ ...signed, signature }, context())).toEqual({ ok: false, error: 'signature invalid' });
    }
  });

  it('refuses an expired command even with a valid signature', () => {
    const expired = t.command('runScript', script, { expiresAt: new Date(Date.now() - 1000) });
    expect(checkCommandAuthenticity(expired, context())).toEqual({ ok: false, error: 'expired' });
    const later = t.command('sync', {}, { expiresAt: new Date(Date.now() + 60_000) });
    expect(checkCommandAuthenticity(later, { ...context(), now: new Date(Date.now() + 120_000) })).toEqual({ ok: false, error: 'expired' });
  });
});

describe('commandSigningKey', () => {
  it('takes an EC P-256 public key and nothing else', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(commandSigningKey(p256).asymmetricKeyType).toBe('ec');
    expect(() => commandSigningKey(p384)).toThrow(/P-256/);
    expect(() => commandSigningKey(rsa)).toThrow(/P-256/);
  });
});
