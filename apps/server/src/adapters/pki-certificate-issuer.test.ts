import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceId, TenantId } from '@ward/core';
import { createCertificateAuthority, loadCertificateAuthority, type CertificateAuthority } from '@ward/pki';
import { createPkiCertificateIssuer } from './pki-certificate-issuer.js';

const now = new Date('2026-03-01T12:00:00Z');
const clock = { now: () => now };
const deviceId = '0195d1b2-0000-7000-8000-00000000d001' as DeviceId;
const tenantId = '0195d1b2-0000-7000-8000-0000000000a1' as TenantId;

const scratch = mkdtempSync(join(tmpdir(), 'ward-csr-'));
afterAll(() => { rmSync(scratch, { recursive: true, force: true }); });

/** A CSR made by OpenSSL, the way a device would, asking for a subject of its own choosing. */
function csrFor(keyPem: string, subject = '/CN=not-the-device/O=Evil'): string {
  const keyFile = join(scratch, 'device.key');
  writeFileSync(keyFile, keyPem, { mode: 0o600 });
  return execFileSync('openssl', ['req', '-new', '-key', keyFile, '-subj', subject], { encoding: 'utf8' });
}

let authority: Promise<CertificateAuthority> | undefined;
function ca(): Promise<CertificateAuthority> {
  authority ??= (async () => {
    const masterKey = new Uint8Array(32).fill(3);
    return loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Test', masterKey, now: new Date(now.getTime() - 86_400_000) }), masterKey);
  })();
  return authority;
}

describe('createPkiCertificateIssuer', () => {
  it('issues a client-auth certificate for CN = device id, OU = tenant id, valid for the configured days', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const issuer = createPkiCertificateIssuer(await ca(), { validityDays: 30, clock });
    const issued = await issuer.issueDeviceCertificate({ csrPem: csrFor(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), deviceId, tenantId });
    if (!issued.ok) throw new Error(issued.message);
    const cert = new X509Certificate(issued.value.certificatePem);
    expect(cert.subject).toContain(`CN=${deviceId}`);
    expect(cert.subject).toContain(`OU=${tenantId}`);
    expect(cert.subject).not.toContain('Evil');
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.2');
    expect(issued.value.notAfter.getTime() - now.getTime()).toBe(30 * 86_400_000);
    expect(issued.value.chainPem).toBe((await ca()).chainPem);
    expect(cert.fingerprint256).toBe(issued.value.fingerprint);
    expect(cert.verify(new X509Certificate((await ca()).issuingCertificatePem).publicKey)).toBe(true);
  });

  it.each([
    ['a weak RSA key', () => csrFor(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), 'CSR_WEAK_KEY'],
    ['text that is no CSR', () => '-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgY3Ny\n-----END CERTIFICATE REQUEST-----\n', 'CSR_MALFORMED'],
    ['a CSR too large to parse', () => 'x'.repeat(20_000), 'CSR_TOO_LARGE'],
  ])('maps pki refusing %s to CSR_INVALID with the reason', async (_what, csr, reason) => {
    const issuer = createPkiCertificateIssuer(await ca(), { validityDays: 30, clock });
    const refused = await issuer.issueDeviceCertificate({ csrPem: csr(), deviceId, tenantId });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.code).toBe('CSR_INVALID');
    expect(refused.details).toEqual({ reason });
  });
});
