import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPushCertificateCrypto, readPushCertificate } from './push-certificate-crypto.js';

const dir = mkdtempSync(join(tmpdir(), 'ward-apns-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const crypto = createPushCertificateCrypto();
const topic = 'com.apple.mgmt.External.4b9e0f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

function openssl(args: readonly string[], input?: string): string {
  return execFileSync('openssl', args, { cwd: dir, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Signs `csrPem` with a throwaway CA through OpenSSL (a real peer), with the given subject. */
function signWithOpenssl(csrPem: string, subject: string): string {
  writeFileSync(join(dir, 'req.pem'), csrPem);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Test CA', '-days', '2']);
  return openssl(['x509', '-req', '-in', 'req.pem', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '0x1234', '-days', '30', '-subj', subject]);
}

describe('push certificate crypto', () => {
  it('makes an RSA-2048 CSR that OpenSSL verifies, with the requested subject', async () => {
    const draft = await crypto.createRequest({ commonName: 'Ward MDM push t1' });
    writeFileSync(join(dir, 'csr.pem'), draft.csrPem);
    const text = openssl(['req', '-in', 'csr.pem', '-noout', '-verify', '-text']);
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toContain('CN = Ward MDM push t1');
    expect(text).toContain('sha256WithRSAEncryption');
    expect(draft.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(draft.publicKeySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads topic, validity, serial and key of a certificate signed over its CSR, as PEM and as DER', async () => {
    const draft = await crypto.createRequest({ commonName: 'Ward' });
    const pem = signWithOpenssl(draft.csrPem, `/UID=${topic}/CN=APSP:4b9e0f3a/C=US`);
    const facts = readPushCertificate(new TextEncoder().encode(`Bag Attributes\n${pem}`));
    expect(facts).toMatchObject({ topic, serialNumber: '1234', publicKeySha256: draft.publicKeySha256, subject: `UID=${topic}, CN=APSP:4b9e0f3a, C=US` });
    expect(facts!.notAfter.getTime() - facts!.notBefore.getTime()).toBe(30 * 86_400_000);
    const der = new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
    expect(readPushCertificate(der)).toEqual(facts);
    expect(readPushCertificate(new Uint8Array([...der, 0]))).toBeUndefined();
  });

  it('reports no topic for a certificate without a UID', async () => {
    const draft = await crypto.createRequest({ commonName: 'Ward' });
    expect(readPushCertificate(new TextEncoder().encode(signWithOpenssl(draft.csrPem, '/CN=not a push certificate')))?.topic).toBeNull();
  });

  it.each([
    ['nothing', new Uint8Array()],
    ['random bytes', new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) % 256))],
    ['a truncated SEQUENCE', new Uint8Array([0x30, 0x82, 0x05, 0x00, 0x30])],
    ['PEM with no certificate block', new TextEncoder().encode('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')],
    ['PEM with an empty certificate block', new TextEncoder().encode('-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n')],
    ['PEM with a non-certificate body', new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n')],
  ])('refuses %s', (_name, bytes) => {
    expect(readPushCertificate(bytes)).toBeUndefined();
  });
});
