import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaBundle } from './ca-bundle.js';
import { createCertificateAuthority, ISSUING_CA_VALIDITY_DAYS, ROOT_CA_VALIDITY_DAYS } from './create-certificate-authority.js';
import { loadCertificateAuthority } from './load-certificate-authority.js';
import { openssl } from './test-support/openssl.js';
import { webCryptoParams } from './web-crypto-params.js';
import { createTempDir, type TempDir } from './test-support/temp-dir.js';
import { x509 } from './x509.js';

const DAY = 86_400_000;

describe('createCertificateAuthority', () => {
  const now = new Date('2026-02-01T08:30:15.250Z');
  const masterKey = new Uint8Array(32).fill(1);
  let bundle: CaBundle;
  let root: x509.X509Certificate;
  let issuing: x509.X509Certificate;
  let dir: TempDir;

  beforeAll(async () => {
    bundle = await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Acme, Inc. + "Friends"', masterKey, now });
    root = new x509.X509Certificate(bundle.root.certificatePem);
    issuing = new x509.X509Certificate(bundle.issuing.certificatePem);
    dir = await createTempDir();
  });
  afterAll(async () => {
    await dir.remove();
  });

  it('makes a self-signed root: CA, pathLen 1, keyCertSign + cRLSign, both critical, about 20 years', async () => {
    expect(root.subject).toBe(root.issuer);
    expect(root.subjectName.getField('CN')).toEqual(['Ward Root CA']);
    expect(root.subjectName.getField('O')).toEqual(['Acme, Inc. + "Friends"']);
    expect(root.getExtension(x509.BasicConstraintsExtension)).toMatchObject({ ca: true, pathLength: 1, critical: true });
    expect(root.getExtension(x509.KeyUsagesExtension)).toMatchObject({
      usages: x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
      critical: true,
    });
    expect(root.notBefore).toEqual(new Date('2026-02-01T08:25:15Z'));
    expect(root.notAfter).toEqual(new Date(Math.floor((now.getTime() + ROOT_CA_VALIDITY_DAYS * DAY) / 1000) * 1000));
    await expect(root.verify({ signatureOnly: true })).resolves.toBe(true);
  });

  it('makes an issuing CA signed by the root: pathLen 0, about 10 years, key ids chained', () => {
    expect(issuing.issuer).toBe(root.subject);
    expect(issuing.subjectName.getField('CN')).toEqual(['Ward Issuing CA']);
    expect(issuing.getExtension(x509.BasicConstraintsExtension)).toMatchObject({ ca: true, pathLength: 0, critical: true });
    expect(issuing.getExtension(x509.KeyUsagesExtension)?.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    expect(issuing.notAfter.getTime() - issuing.notBefore.getTime()).toBe(ISSUING_CA_VALIDITY_DAYS * DAY + 5 * 60_000);
    expect(issuing.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(root.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId);
    expect(issuing.serialNumber).not.toBe(root.serialNumber);
  });

  it('passes openssl verify -x509_strict as a chain', async () => {
    await writeFile(join(dir.path, 'root.pem'), bundle.root.certificatePem);
    await writeFile(join(dir.path, 'issuing.pem'), bundle.issuing.certificatePem);
    const result = await openssl(['verify', '-x509_strict', '-CAfile', 'root.pem', 'issuing.pem'], dir.path);
    expect(result).toMatchObject({ code: 0, stdout: 'issuing.pem: OK\n' });
  });

  it('returns a JSON-safe bundle with both keys encrypted, which loads after a JSON round trip', async () => {
    const json = JSON.stringify(bundle);
    expect(json).not.toMatch(/PRIVATE KEY/);
    expect(bundle.root.encryptedKey).toMatchObject({ version: 1, algorithm: 'AES-256-GCM', kdf: 'HKDF-SHA256' });
    expect(bundle.issuing.encryptedKey.iv).not.toBe(bundle.root.encryptedKey.iv);
    const ca = await loadCertificateAuthority(JSON.parse(json) as CaBundle, masterKey);
    expect(ca.keyAlgorithm).toBe('ecdsa-p256');
    expect(ca.rootCertificatePem).toBe(bundle.root.certificatePem);
  });

  // RSA-2048 CAs run through every end-to-end scenario; rsa-3072 differs only in the modulus, and
  // generating two such keys costs seconds, so only the mapping is checked here.
  it('maps each algorithm to Web Crypto parameters', () => {
    expect(webCryptoParams('rsa-3072').generate).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 3072, hash: 'SHA-256' });
    expect(webCryptoParams('rsa-2048').generate).toMatchObject({ modulusLength: 2048 });
    expect(webCryptoParams('ecdsa-p256')).toMatchObject({ generate: { namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } });
  });

  it.each([
    ['an unknown algorithm', { keyAlgorithm: 'rsa-1024' as never }, 'INVALID_INPUT'],
    ['an empty organization', { organization: '' }, 'INVALID_INPUT'],
    ['a 65-character organization', { organization: 'x'.repeat(65) }, 'INVALID_INPUT'],
    ['an invalid date', { now: new Date(Number.NaN) }, 'INVALID_INPUT'],
    ['a 16-byte master key', { masterKey: new Uint8Array(16) }, 'MASTER_KEY_INVALID'],
  ])('refuses %s', async (_label, overrides, code) => {
    await expect(
      createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Acme', masterKey, now, ...overrides }),
    ).rejects.toMatchObject({ name: 'PkiError', code });
  });
});
