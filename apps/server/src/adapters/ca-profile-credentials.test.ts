import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CredentialRequest, DeviceId, ProfileId, TenantId } from '@ward/core';
import { createCertificateAuthority, ISSUING_CA_VALIDITY_DAYS, loadCertificateAuthority, type CertificateAuthority } from '@ward/pki';
import { createCaProfileCredentials, issueProfileCredential, profileSubject, type CredentialRefusal } from './ca-profile-credentials.js';

const day = 86_400_000;
const start = new Date('2026-03-01T12:00:00Z');
const tenantId = '0195d1b2-0000-7000-8000-0000000000a1' as TenantId;
const clientAuth = '1.3.6.1.5.5.7.3.2';

let authority: Promise<CertificateAuthority> | undefined;
function ca(): Promise<CertificateAuthority> {
  authority ??= (async () => {
    const masterKey = new Uint8Array(32).fill(7);
    return loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Test', masterKey, now: new Date(start.getTime() - day) }), masterKey);
  })();
  return authority;
}

function request(device: string, profile = 'p-wifi-cert', subject = `CN=${device}.devices.example.com`, validityDays = 90): CredentialRequest {
  return { deviceId: device as DeviceId, profileId: profile as ProfileId, scope: 'device', subject, validityDays };
}

/** A clock the test moves. */
function movableClock(): { now: () => Date; advance: (ms: number) => void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => { now += ms; } };
}

describe('createCaProfileCredentials', () => {
  it('issues a client-auth certificate for the profile subject, with the CA chain and a PKCS#8 key that matches it', async () => {
    const source = createCaProfileCredentials(await ca(), { clock: { now: () => start } });
    const found = await source.credentialsFor(tenantId, [{ ...request('d1'), scope: 'user', subject: 'CN=ada@example.com,OU=Finance,O=Ignored' }]);
    const credential = found.get('d1:p-wifi-cert');
    if (credential === undefined) throw new Error('no credential');
    const cert = new X509Certificate(credential.certificatePem);
    expect(cert.subject).toContain('CN=ada@example.com');
    expect(cert.subject).toContain('OU=Finance');
    // The CA names its own organisation.
    expect(cert.subject).toContain('O=Ward Test');
    expect(cert.subject).not.toContain('Ignored');
    expect(cert.keyUsage).toContain(clientAuth);
    expect(new Date(cert.validTo).getTime() - start.getTime()).toBe(90 * day);
    expect(credential.chainPem).toBe((await ca()).chainPem);
    expect(cert.verify(new X509Certificate((await ca()).issuingCertificatePem).publicKey)).toBe(true);
    expect(credential.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const key = createPrivateKey(credential.privateKeyPem);
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.checkPrivateKey(key)).toBe(true);
  });

  it('returns the same credential on every later call while subject and validity hold, so the item hash stays put', async () => {
    const source = createCaProfileCredentials(await ca(), { clock: { now: () => start } });
    const first = await source.credentialsFor(tenantId, [request('d1'), request('d2'), request('d1', 'p-vpn-cert')]);
    expect([...first.keys()].sort()).toEqual(['d1:p-vpn-cert', 'd1:p-wifi-cert', 'd2:p-wifi-cert']);
    const again = await source.credentialsFor(tenantId, [request('d2'), request('d1')]);
    expect(again.get('d1:p-wifi-cert')).toEqual(first.get('d1:p-wifi-cert'));
    expect(again.get('d2:p-wifi-cert')).toEqual(first.get('d2:p-wifi-cert'));
    // Different devices and profiles have different keys.
    expect(first.get('d1:p-wifi-cert')?.privateKeyPem).not.toBe(first.get('d2:p-wifi-cert')?.privateKeyPem);
    expect(first.get('d1:p-wifi-cert')?.privateKeyPem).not.toBe(first.get('d1:p-vpn-cert')?.privateKeyPem);
    // Another tenant's device with the same id is another credential.
    const other = await source.credentialsFor('0195d1b2-0000-7000-8000-0000000000b2' as TenantId, [request('d1')]);
    expect(other.get('d1:p-wifi-cert')?.certificatePem).not.toBe(first.get('d1:p-wifi-cert')?.certificatePem);
  });

  it('issues anew when the rendered subject or the validity changes', async () => {
    const source = createCaProfileCredentials(await ca(), { clock: { now: () => start } });
    const first = (await source.credentialsFor(tenantId, [request('d1')])).get('d1:p-wifi-cert');
    const renamed = (await source.credentialsFor(tenantId, [request('d1', 'p-wifi-cert', 'CN=renamed.example.com')])).get('d1:p-wifi-cert');
    expect(renamed?.certificatePem).not.toBe(first?.certificatePem);
    expect(new X509Certificate(renamed?.certificatePem ?? '').subject).toContain('CN=renamed.example.com');
    const longer = (await source.credentialsFor(tenantId, [request('d1', 'p-wifi-cert', 'CN=renamed.example.com', 180)])).get('d1:p-wifi-cert');
    expect(longer?.certificatePem).not.toBe(renamed?.certificatePem);
    expect(new Date(new X509Certificate(longer?.certificatePem ?? '').validTo).getTime() - start.getTime()).toBe(180 * day);
  });

  it('renews in the last third of the lifetime, and not before', async () => {
    const clock = movableClock();
    const source = createCaProfileCredentials(await ca(), { clock });
    const first = (await source.credentialsFor(tenantId, [request('d1')])).get('d1:p-wifi-cert');
    clock.advance(59 * day);
    expect((await source.credentialsFor(tenantId, [request('d1')])).get('d1:p-wifi-cert')).toEqual(first);
    clock.advance(2 * day);
    const renewed = (await source.credentialsFor(tenantId, [request('d1')])).get('d1:p-wifi-cert');
    expect(renewed?.certificatePem).not.toBe(first?.certificatePem);
    expect(new Date(new X509Certificate(renewed?.certificatePem ?? '').validFrom).getTime()).toBeGreaterThan(start.getTime());
  });

  it('issues once for concurrent requests of the same device and profile', async () => {
    const source = createCaProfileCredentials(await ca(), { clock: { now: () => start } });
    const [a, b] = await Promise.all([source.credentialsFor(tenantId, [request('d9')]), source.credentialsFor(tenantId, [request('d9')])]);
    expect(a.get('d9:p-wifi-cert')).toBeDefined();
    expect(b.get('d9:p-wifi-cert')).toEqual(a.get('d9:p-wifi-cert'));
  });

  it('forgets the least recently used credential beyond maxEntries', async () => {
    const source = createCaProfileCredentials(await ca(), { clock: { now: () => start }, maxEntries: 2 });
    const d1 = (await source.credentialsFor(tenantId, [request('d1')])).get('d1:p-wifi-cert');
    const d2 = (await source.credentialsFor(tenantId, [request('d2')])).get('d2:p-wifi-cert');
    // d1 is used again, so d2 is the least recently used when d3 arrives.
    await source.credentialsFor(tenantId, [request('d1')]);
    await source.credentialsFor(tenantId, [request('d3')]);
    expect((await source.credentialsFor(tenantId, [request('d1')])).get('d1:p-wifi-cert')).toEqual(d1);
    expect((await source.credentialsFor(tenantId, [request('d2')])).get('d2:p-wifi-cert')?.certificatePem).not.toBe(d2?.certificatePem);
  });

  it('leaves out what the CA cannot issue, says why, and still issues the rest of the batch', async () => {
    const refused: CredentialRefusal[] = [];
    const source = createCaProfileCredentials(await ca(), { clock: { now: () => start }, onRefused: (r) => refused.push(r) });
    const found = await source.credentialsFor(tenantId, [
      request('ok'),
      // A display name that carried ",CN=…" into the subject.
      request('injected', 'p', 'CN=Ada,CN=admin.example.com'),
      request('no-cn', 'p', 'OU=Staff,O=Example'),
      request('two-ou', 'p', 'CN=x,OU=a,OU=b'),
      request('long', 'p', `CN=${'a'.repeat(65)}`),
    ]);
    expect([...found.keys()]).toEqual(['ok:p-wifi-cert']);
    expect(refused.map((r) => [r.request.deviceId, r.code])).toEqual([
      ['injected', 'SUBJECT_UNSUPPORTED'],
      ['no-cn', 'SUBJECT_UNSUPPORTED'],
      ['two-ou', 'SUBJECT_UNSUPPORTED'],
      ['long', 'INVALID_INPUT'],
    ]);
    expect(refused[0]?.tenantId).toBe(tenantId);
    // A refusal is not remembered: the request is tried again next time.
    await source.credentialsFor(tenantId, [request('long', 'p', `CN=${'a'.repeat(65)}`)]);
    expect(refused).toHaveLength(5);
  });

  it('refuses with CA_EXPIRED once the issuing CA has expired, instead of failing the caller', async () => {
    const refused: CredentialRefusal[] = [];
    const late = new Date(start.getTime() + (ISSUING_CA_VALIDITY_DAYS + 1) * day);
    const source = createCaProfileCredentials(await ca(), { clock: { now: () => late }, onRefused: (r) => refused.push(r) });
    expect((await source.credentialsFor(tenantId, [request('d1')])).size).toBe(0);
    expect(refused.map((r) => r.code)).toEqual(['CA_EXPIRED']);
  });
});

describe('issueProfileCredential', () => {
  it('makes P-384 keys when asked', async () => {
    const issued = await issueProfileCredential(await ca(), { subject: 'CN=p384.example.com', validityDays: 30 }, start, 'P-384');
    if (!issued.ok) throw new Error(issued.message);
    expect(createPrivateKey(issued.credential.privateKeyPem).asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    expect(new X509Certificate(issued.credential.certificatePem).checkPrivateKey(createPrivateKey(issued.credential.privateKeyPem))).toBe(true);
    expect(issued.credential.notAfter.getTime() - start.getTime()).toBe(30 * day);
  });
});

describe('profileSubject', () => {
  it.each([
    ['CN=ada@example.com', { ok: true, commonName: 'ada@example.com' }],
    ['cn = Ada , ou = Staff , o = Example', { ok: true, commonName: 'Ada', organizationalUnit: 'Staff' }],
    ['CN=Doe\\, Jane,OU=R\\2BD', { ok: true, commonName: 'Doe, Jane', organizationalUnit: 'R+D' }],
    ['CN=a\\\\b', { ok: true, commonName: 'a\\b' }],
  ])('reads %s', (dn, expected) => {
    expect(profileSubject(dn)).toEqual(expected);
  });

  it.each([
    ['O=Example', 'exactly one CN'],
    ['CN=a,CN=b', 'exactly one CN'],
    ['CN=a,OU=x,OU=y', 'one OU'],
    ['CN=a+UID=b', 'multi-valued'],
    ['CN=', 'empty'],
    ['CN=a\\', 'dangling escape'],
    ['justtext', 'not an attribute=value pair'],
  ])('refuses %s', (dn, message) => {
    const parsed = profileSubject(dn);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});
