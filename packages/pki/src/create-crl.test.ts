import { webcrypto } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from './decode-pem.js';
import { openssl } from './test-support/openssl.js';
import { createTempDir, type TempDir } from './test-support/temp-dir.js';
import { createTestCa, TEST_ALGORITHMS, type TestCa } from './test-support/test-ca.js';
import { x509 } from './x509.js';

describe.each(TEST_ALGORITHMS)('createCrl with a %s CA', (keyAlgorithm) => {
  const now = new Date();
  let testCa: TestCa;
  let dir: TempDir;
  let revokedSerial: string;
  let crl: Awaited<ReturnType<TestCa['ca']['createCrl']>>;

  async function clientCertificate(name: string): Promise<{ serialNumber: string }> {
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } }, webcrypto);
    const issued = await testCa.ca.issueFromCsr({ csrPem: csr.toString('pem'), subject: { commonName: name }, validityDays: 30, now, extendedKeyUsage: 'clientAuth' });
    if (!issued.ok) throw new Error(issued.code);
    await writeFile(join(dir.path, `${name}.pem`), issued.certificatePem);
    return issued;
  }

  beforeAll(async () => {
    testCa = await createTestCa(keyAlgorithm, now);
    dir = await createTempDir();
    await writeFile(join(dir.path, 'root.pem'), testCa.ca.rootCertificatePem);
    await writeFile(join(dir.path, 'issuing.pem'), testCa.ca.issuingCertificatePem);
    revokedSerial = (await clientCertificate('revoked')).serialNumber;
    await clientCertificate('kept');
    crl = await testCa.ca.createCrl({
      revoked: [
        { serialNumber: revokedSerial, revokedAt: new Date(now.getTime() - 60_000), reason: 'keyCompromise' },
        { serialNumber: 'abcdef', revokedAt: now },
      ],
      now,
      nextUpdate: new Date(now.getTime() + 86_400_000),
      crlNumber: 7,
    });
    await writeFile(join(dir.path, 'crl.pem'), crl.pem);
  });

  afterAll(async () => {
    await dir.remove();
  });

  it('is signed by the issuing CA, per openssl crl -verify', async () => {
    const result = await openssl(['crl', '-in', 'crl.pem', '-CAfile', 'issuing.pem', '-noout', '-verify'], dir.path);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/verify OK/);
  });

  it('makes openssl verify -crl_check refuse the revoked certificate and accept the other', async () => {
    const args = (leaf: string): string[] => ['verify', '-crl_check', '-CRLfile', 'crl.pem', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', leaf];
    const revoked = await openssl(args('revoked.pem'), dir.path);
    expect(revoked.code).not.toBe(0);
    expect(`${revoked.stdout}${revoked.stderr}`).toMatch(/certificate revoked/);
    expect(await openssl(args('kept.pem'), dir.path)).toMatchObject({ code: 0, stdout: 'kept.pem: OK\n' });
  });

  it('lists the entries with their reasons, the CRL number and the authority key id; DER and PEM agree', () => {
    expect(Buffer.from(decodePem(crl.pem)![0]!.der).equals(Buffer.from(crl.der))).toBe(true);
    const parsed = new x509.X509Crl(crl.der);
    expect(parsed.entries.map((e) => [e.serialNumber, e.reason])).toEqual([
      [revokedSerial, x509.X509CrlReason.keyCompromise],
      ['abcdef', undefined],
    ]);
    expect(parsed.issuer).toBe(new x509.X509Certificate(testCa.ca.issuingCertificatePem).subject);
    expect(parsed.thisUpdate).toEqual(new Date(Math.floor(now.getTime() / 1000) * 1000));
    expect(parsed.getExtension('2.5.29.20')?.value).toBeDefined();
    expect(parsed.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(
      new x509.X509Certificate(testCa.ca.issuingCertificatePem).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId,
    );
    expect(crl.crlNumber).toBe(7);
  });
});

describe('createCrl contract', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  let testCa: TestCa;
  beforeAll(async () => {
    testCa = await createTestCa('ecdsa-p256', now);
  });

  it('makes an empty CRL whose number defaults to now in epoch milliseconds', async () => {
    const crl = await testCa.ca.createCrl({ revoked: [], now, nextUpdate: new Date(now.getTime() + 1000) });
    expect(crl.crlNumber).toBe(now.getTime());
    expect(new x509.X509Crl(crl.der).entries).toHaveLength(0);
    const dir = await createTempDir();
    try {
      await writeFile(join(dir.path, 'crl.pem'), crl.pem);
      const text = await openssl(['crl', '-in', 'crl.pem', '-noout', '-text'], dir.path);
      expect(text.stdout).toMatch(new RegExp(`X509v3 CRL Number: \\s*${now.getTime()}`));
    } finally {
      await dir.remove();
    }
  });

  it.each([
    ['nextUpdate not after now', { nextUpdate: now }],
    ['a repeated serial (in another spelling)', { revoked: [{ serialNumber: '0a', revokedAt: now }, { serialNumber: '0x0A', revokedAt: now }] }],
    ['a malformed serial', { revoked: [{ serialNumber: 'zz', revokedAt: now }] }],
    ['an unknown reason', { revoked: [{ serialNumber: '01', revokedAt: now, reason: 'bored' as never }] }],
    ['an invalid revokedAt', { revoked: [{ serialNumber: '01', revokedAt: new Date('nope') }] }],
    ['a negative crlNumber', { crlNumber: -1 }],
  ])('throws INVALID_INPUT for %s', async (_label, overrides) => {
    await expect(
      testCa.ca.createCrl({ revoked: [], now, nextUpdate: new Date(now.getTime() + 1000), ...overrides }),
    ).rejects.toMatchObject({ name: 'PkiError', code: 'INVALID_INPUT' });
  });
});
