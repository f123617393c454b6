import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from './decode-pem.js';
import { encodePem } from './encode-pem.js';
import type { IssueFromCsrInput, IssueFromCsrResult } from './issue-from-csr.js';
import { MAX_CSR_PEM_LENGTH } from './issue-from-csr.js';
import { openssl } from './test-support/openssl.js';
import { createTempDir, type TempDir } from './test-support/temp-dir.js';
import { createTestCa, TEST_ALGORITHMS, type TestCa } from './test-support/test-ca.js';
import { x509 } from './x509.js';

let dir: TempDir;
beforeAll(async () => {
  dir = await createTempDir();
});
afterAll(async () => {
  await dir.remove();
});

let csrCounter = 0;
/** A CSR made by the openssl CLI with `-newkey <spec>`, as a device tool would make one. */
async function opensslCsr(newKey: readonly string[], extra: readonly string[] = []): Promise<string> {
  const name = `csr-${++csrCounter}`;
  const result = await openssl(
    ['req', '-new', ...newKey, '-nodes', '-keyout', `${name}.key`, '-subj', '/CN=chosen-by-device/O=Evil Corp', '-out', `${name}.pem`, ...extra],
    dir.path,
  );
  expect(result.code, result.stderr).toBe(0);
  return readFile(join(dir.path, `${name}.pem`), 'utf8');
}

/** A CSR built in-process with Web Crypto, as the Ward agent builds one. */
async function inProcessCsr(algorithm: webcrypto.EcKeyGenParams | webcrypto.RsaHashedKeyGenParams, commonName = 'agent'): Promise<string> {
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: [{ CN: [commonName] }],
      keys,
      signingAlgorithm: algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' },
    },
    webcrypto,
  );
  return csr.toString('pem');
}

function expectIssued(result: IssueFromCsrResult): Extract<IssueFromCsrResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a certificate, got ${result.code}: ${result.message}`);
  return result;
}

describe.each(TEST_ALGORITHMS)('issueFromCsr with a %s CA', (keyAlgorithm) => {
  const now = new Date();
  let testCa: TestCa;
  beforeAll(async () => {
    testCa = await createTestCa(keyAlgorithm, now);
    await writeFile(join(dir.path, `${keyAlgorithm}-root.pem`), testCa.ca.rootCertificatePem);
    await writeFile(join(dir.path, `${keyAlgorithm}-issuing.pem`), testCa.ca.issuingCertificatePem);
  });

  async function opensslVerify(certificatePem: string, purpose = 'sslclient'): Promise<string> {
    const file = `${keyAlgorithm}-leaf-${++csrCounter}.pem`;
    await writeFile(join(dir.path, file), certificatePem);
    const result = await openssl(
      ['verify', '-x509_strict', '-purpose', purpose, '-CAfile', `${keyAlgorithm}-root.pem`, '-untrusted', `${keyAlgorithm}-issuing.pem`, file],
      dir.path,
    );
    return `${result.stdout}${result.stderr}`.replace(file, 'leaf');
  }

  it.each([
    ['EC P-256', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ['EC P-384', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384']],
    ['RSA 2048', ['-newkey', 'rsa:2048']],
  ])('certifies an openssl %s CSR with the subject the CA chooses; openssl verify accepts it', async (_label, newKey) => {
    const csrPem = await opensslCsr(newKey);
    const issued = expectIssued(
      await testCa.ca.issueFromCsr({ csrPem, subject: { commonName: 'device-42', organizationalUnit: 'Laptops' }, validityDays: 365, now, extendedKeyUsage: 'clientAuth' }),
    );
    expect(await opensslVerify(issued.certificatePem)).toBe('leaf: OK\n');

    const cert = new x509.X509Certificate(issued.certificatePem);
    const csr = new x509.Pkcs10CertificateRequest(csrPem);
    expect(cert.subject).toBe('O=Ward Test, OU=Laptops, CN=device-42');
    expect(Buffer.from(cert.publicKey.rawData).equals(Buffer.from(csr.publicKey.rawData))).toBe(true);
    expect(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.clientAuth]);
    expect(cert.getExtension(x509.BasicConstraintsExtension)).toMatchObject({ ca: false, critical: true });
    expect(cert.serialNumber).toBe(issued.serialNumber);
    expect(issued.serialNumber).toMatch(/^[0-7][0-9a-f]{31}$/);
    expect(cert.notBefore).toEqual(issued.notBefore);
    expect(cert.notAfter).toEqual(issued.notAfter);
    expect(issued.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('certifies an in-process P-256 CSR (the agent path) for serverAuth when asked', async () => {
    const csrPem = await inProcessCsr({ name: 'ECDSA', namedCurve: 'P-256' });
    const issued = expectIssued(await testCa.ca.issueFromCsr({ csrPem, subject: { commonName: 'gateway' }, validityDays: 90, now, extendedKeyUsage: 'serverAuth' }));
    expect(await opensslVerify(issued.certificatePem, 'sslserver')).toBe('leaf: OK\n');
    expect(await opensslVerify(issued.certificatePem, 'sslclient')).toMatch(/unsuitable certificate purpose/);
  });
});

describe('issueFromCsr refusals and contract', () => {
  const now = new Date('2031-03-01T12:00:00Z');
  let testCa: TestCa;
  let goodCsr: string;
  beforeAll(async () => {
    testCa = await createTestCa('ecdsa-p256', now);
    goodCsr = await inProcessCsr({ name: 'ECDSA', namedCurve: 'P-256' }, 'tamper-me');
  });

  const issue = (overrides: Partial<IssueFromCsrInput>): Promise<IssueFromCsrResult> =>
    testCa.ca.issueFromCsr({ csrPem: goodCsr, subject: { commonName: 'device-1' }, validityDays: 30, now, extendedKeyUsage: 'clientAuth', ...overrides });

  it('refuses an RSA-1024 CSR with CSR_WEAK_KEY', async () => {
    const csrPem = await opensslCsr(['-newkey', 'rsa:1024']);
    expect(await issue({ csrPem })).toMatchObject({ ok: false, code: 'CSR_WEAK_KEY' });
  });

  it.each([
    ['secp256k1', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp256k1']],
    ['brainpoolP256r1', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:brainpoolP256r1']],
    ['Ed25519', ['-newkey', 'ed25519']],
  ])('refuses a %s CSR with CSR_KEY_UNSUPPORTED', async (_label, newKey) => {
    const csrPem = await opensslCsr(newKey);
    expect(await issue({ csrPem })).toMatchObject({ ok: false, code: 'CSR_KEY_UNSUPPORTED' });
  });

  it('refuses an in-process P-521 CSR with CSR_KEY_UNSUPPORTED', async () => {
    const csrPem = await inProcessCsr({ name: 'ECDSA', namedCurve: 'P-521' });
    expect(await issue({ csrPem })).toMatchObject({ ok: false, code: 'CSR_KEY_UNSUPPORTED' });
  });

  it('refuses a CSR whose signed content was altered with CSR_SIGNATURE_INVALID', async () => {
    const der = Buffer.from(decodePem(goodCsr)![0]!.der);
    const at = der.indexOf('tamper-me');
    expect(at).toBeGreaterThan(0);
    der[at] = 'T'.charCodeAt(0);
    const result = await issue({ csrPem: encodePem(der, 'CERTIFICATE REQUEST') });
    expect(result).toMatchObject({ ok: false, code: 'CSR_SIGNATURE_INVALID' });
  });

  it('refuses a CSR whose signature bytes were altered with CSR_SIGNATURE_INVALID', async () => {
    const der = Buffer.from(decodePem(goodCsr)![0]!.der);
    der[der.length - 2] = (der[der.length - 2] ?? 0) ^ 0x01;
    expect(await issue({ csrPem: encodePem(der, 'CERTIFICATE REQUEST') })).toMatchObject({ ok: false, code: 'CSR_SIGNATURE_INVALID' });
  });

  it('refuses a SHA-1 signed CSR with CSR_SIGNATURE_INVALID', async () => {
    const csrPem = await opensslCsr(['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], ['-sha1']);
    expect(await issue({ csrPem })).toMatchObject({ ok: false, code: 'CSR_SIGNATURE_INVALID' });
  });

  it('accepts a SHA-1 signed CSR only when asked to (Apple SCEP), and still refuses a forged one', async () => {
    const csrPem = await opensslCsr(['-newkey', 'rsa:2048'], ['-sha1']);
    expect(await issue({ csrPem, acceptSha1Signature: true })).toMatchObject({ ok: true });
    // The same request with one signature bit flipped: SHA-1 is accepted, a bad signature is not.
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
    der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 1;
    const forged = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(await issue({ csrPem: forged, acceptSha1Signature: true })).toMatchObject({ ok: false, code: 'CSR_SIGNATURE_INVALID' });
  });

  it.each([
    ['plain text', 'hello'],
    ['an empty string', ''],
    ['a certificate instead of a request', undefined],
    ['two requests', 'TWO'],
    ['garbage under the request label', '-----BEGIN CERTIFICATE REQUEST-----\nAAAAAAAA\n-----END CERTIFICATE REQUEST-----\n'],
    ['a body that is not base64', '-----BEGIN CERTIFICATE REQUEST-----\n@@@@\n-----END CERTIFICATE REQUEST-----\n'],
    ['trailing bytes after the DER', 'TRAILING'],
  ])('refuses %s with CSR_MALFORMED', async (_label, text) => {
    let csrPem = text ?? testCa.ca.rootCertificatePem;
    if (text === 'TWO') csrPem = goodCsr + goodCsr;
    if (text === 'TRAILING') csrPem = encodePem(Buffer.concat([decodePem(goodCsr)![0]!.der, Buffer.from([0, 0])]), 'CERTIFICATE REQUEST');
    expect(await issue({ csrPem })).toMatchObject({ ok: false, code: 'CSR_MALFORMED' });
  });

  it('refuses oversized input with CSR_TOO_LARGE before parsing it', async () => {
    const csrPem = goodCsr + ' '.repeat(MAX_CSR_PEM_LENGTH);
    expect(await issue({ csrPem })).toMatchObject({ ok: false, code: 'CSR_TOO_LARGE' });
  });

  it('uses and normalises a caller-given serial number', async () => {
    const issued = expectIssued(await issue({ serialNumber: '0x00:0A:BC:DE:F1' }));
    expect(issued.serialNumber).toBe('0abcdef1');
    expect(new x509.X509Certificate(issued.certificatePem).serialNumber).toBe('0abcdef1');
    const highBit = expectIssued(await issue({ serialNumber: 'ff01' }));
    expect(new x509.X509Certificate(highBit.certificatePem).serialNumber).toBe('ff01');
  });

  it('names the certificate after its serial number when no subject is given', async () => {
    const issued = expectIssued(await issue({ subject: undefined }));
    expect(new x509.X509Certificate(issued.certificatePem).subject).toBe(`O=Ward Test, CN=${issued.serialNumber}`);
  });

  it('keeps DN syntax in a subject value as data', async () => {
    const issued = expectIssued(await issue({ subject: { commonName: 'x, CN=admin+O=Other', organizationalUnit: '#0402' } }));
    const name = new x509.X509Certificate(issued.certificatePem).subjectName;
    expect(name.getField('CN')).toEqual(['x, CN=admin+O=Other']);
    expect(name.getField('OU')).toEqual(['#0402']);
    expect(name.getField('O')).toEqual(['Ward Test']);
  });

  it('backdates notBefore by five minutes, counts days from now, and caps notAfter at the issuing CA', async () => {
    const issued = expectIssued(await issue({ validityDays: 365 }));
    expect(issued.notBefore).toEqual(new Date(now.getTime() - 5 * 60_000));
    expect(issued.notAfter).toEqual(new Date(now.getTime() + 365 * 86_400_000));
    const later = new Date(now.getTime() + 30 * 86_400_000);
    const capped = expectIssued(await issue({ validityDays: 3650, now: later }));
    expect(capped.notAfter).toEqual(new x509.X509Certificate(testCa.ca.issuingCertificatePem).notAfter);
  });

  it.each([
    ['validity over 3650 days', { validityDays: 3651 }],
    ['serverAuth validity over 825 days', { validityDays: 826, extendedKeyUsage: 'serverAuth' as const }],
    ['a fractional validity', { validityDays: 1.5 }],
    ['a non-hex serial', { serialNumber: 'xyz' }],
    ['a zero serial', { serialNumber: '00' }],
    ['a 21-octet serial', { serialNumber: '01'.repeat(21) }],
    ['an empty common name', { subject: { commonName: '' } }],
    ['a 65-character common name', { subject: { commonName: 'a'.repeat(65) } }],
    ['a control character in the common name', { subject: { commonName: 'a\nb' } }],
  ])('throws INVALID_INPUT for %s (a caller bug, not a device problem)', async (_label, overrides) => {
    await expect(issue(overrides)).rejects.toMatchObject({ name: 'PkiError', code: 'INVALID_INPUT' });
  });
});
