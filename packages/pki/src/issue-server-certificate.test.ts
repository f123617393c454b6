import { createPrivateKey } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { connect, createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PkiError } from './pki-error.js';
import { openssl } from './test-support/openssl.js';
import { createTempDir, type TempDir } from './test-support/temp-dir.js';
import { createTestCa, TEST_ALGORITHMS, type TestCa } from './test-support/test-ca.js';
import { x509 } from './x509.js';

describe.each(TEST_ALGORITHMS)('issueServerCertificate with a %s CA', (keyAlgorithm) => {
  const now = new Date();
  let testCa: TestCa;
  let dir: TempDir;
  let server: Server;
  let port: number;
  let issued: Awaited<ReturnType<TestCa['ca']['issueServerCertificate']>>;

  beforeAll(async () => {
    testCa = await createTestCa(keyAlgorithm, now);
    dir = await createTempDir();
    issued = await testCa.ca.issueServerCertificate({
      hostnames: ['ward.test', 'Localhost'],
      ipAddresses: ['127.0.0.1', '::1'],
      validityDays: 30,
      now,
    });
    server = createServer({ key: issued.privateKeyPem, cert: issued.certificatePem + issued.chainPem }, (socket) => {
      socket.end('hello');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await dir.remove();
  });

  function handshake(options: { servername?: string; ca: string }): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ...options }, () => {
        socket.setEncoding('utf8');
        let body = '';
        socket.on('data', (chunk: string) => {
          body += chunk;
        });
        socket.on('end', () => {
          resolve(body);
        });
      });
      socket.on('error', reject);
    });
  }

  it('serves TLS that a client trusting only the root accepts, by DNS name', async () => {
    await expect(handshake({ servername: 'ward.test', ca: testCa.ca.rootCertificatePem })).resolves.toBe('hello');
    await expect(handshake({ servername: 'localhost', ca: testCa.ca.rootCertificatePem })).resolves.toBe('hello');
  });

  it('is accepted by IP address (IP subjectAltName) and with the whole chain as CA', async () => {
    await expect(handshake({ ca: testCa.ca.chainPem })).resolves.toBe('hello');
  });

  it('is refused for a name it does not carry, and by a client trusting another CA', async () => {
    await expect(handshake({ servername: 'other.test', ca: testCa.ca.rootCertificatePem })).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    const other = await createTestCa('ecdsa-p256', now);
    await expect(handshake({ servername: 'ward.test', ca: other.ca.rootCertificatePem })).rejects.toThrow();
  });

  it('passes openssl verify for the sslserver purpose, strict mode', async () => {
    await writeFile(join(dir.path, 'root.pem'), testCa.ca.rootCertificatePem);
    await writeFile(join(dir.path, 'issuing.pem'), testCa.ca.issuingCertificatePem);
    await writeFile(join(dir.path, 'server.pem'), issued.certificatePem);
    const result = await openssl(
      ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'server.pem'],
      dir.path,
    );
    expect(result).toMatchObject({ code: 0, stdout: 'server.pem: OK\n' });
  });

  it('carries the names, serverAuth, a fresh key of the CA algorithm, and the fingerprint openssl computes', async () => {
    const cert = new x509.X509Certificate(issued.certificatePem);
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.toJSON()).toEqual([
      { type: 'dns', value: 'ward.test' },
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
      { type: 'ip', value: '::1' },
    ]);
    expect(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.serverAuth]);
    expect(cert.getExtension(x509.BasicConstraintsExtension)).toMatchObject({ ca: false, critical: true });
    expect(cert.subject).toBe('CN=ward.test');
    expect(cert.serialNumber).toBe(issued.serialNumber);
    expect(issued.notAfter.getTime() - now.getTime()).toBeLessThanOrEqual(30 * 86_400_000);
    expect(issued.notAfter.getTime() - now.getTime()).toBeGreaterThan(30 * 86_400_000 - 1000);
    expect(cert.notBefore).toEqual(issued.notBefore);
    expect(createPrivateKey(issued.privateKeyPem).asymmetricKeyType).toBe(keyAlgorithm === 'ecdsa-p256' ? 'ec' : 'rsa');
    expect(issued.chainPem).toBe(testCa.ca.chainPem);

    const fp = await openssl(['x509', '-noout', '-fingerprint', '-sha256', '-in', 'server.pem'], dir.path);
    expect(fp.stdout.trim()).toBe(`sha256 Fingerprint=${issued.fingerprintSha256}`);
  });
});

describe('issueServerCertificate input checks', () => {
  let testCa: TestCa;
  const now = new Date('2030-06-01T00:00:00Z');
  beforeAll(async () => {
    testCa = await createTestCa('ecdsa-p256', now);
  });

  it.each([
    ['no names', { hostnames: [] }],
    ['a malformed hostname', { hostnames: ['bad_name.example'] }],
    ['a wildcard that is not the whole leftmost label', { hostnames: ['a*.example.org'] }],
    ['a bare wildcard over a TLD', { hostnames: ['*.org'] }],
    ['an invalid IP', { hostnames: [], ipAddresses: ['300.1.1.1'] }],
    ['an IPv6 zone id', { hostnames: [], ipAddresses: ['fe80::1%eth0'] }],
    ['more than 825 days', { hostnames: ['ward.test'], validityDays: 826 }],
    ['zero days', { hostnames: ['ward.test'], validityDays: 0 }],
    ['an invalid date', { hostnames: ['ward.test'], now: new Date(Number.NaN) }],
  ])('refuses %s with INVALID_INPUT', async (_label, overrides) => {
    await expect(testCa.ca.issueServerCertificate({ validityDays: 30, now, ...overrides })).rejects.toMatchObject({
      name: 'PkiError',
      code: 'INVALID_INPUT',
    });
  });

  it('accepts a wildcard and an IPv4-mapped IPv6 address, canonicalised', async () => {
    const issued = await testCa.ca.issueServerCertificate({
      hostnames: ['*.devices.ward.test'],
      ipAddresses: ['::ffff:10.0.0.1'],
      validityDays: 1,
      now,
    });
    const san = new x509.X509Certificate(issued.certificatePem).getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.toJSON()).toEqual([
      { type: 'dns', value: '*.devices.ward.test' },
      { type: 'ip', value: '::ffff:a00:1' },
    ]);
  });

  it('refuses to issue once the issuing CA has expired', async () => {
    const later = new Date(now.getTime() + 11 * 365 * 86_400_000);
    const error: unknown = await testCa.ca.issueServerCertificate({ hostnames: ['ward.test'], validityDays: 1, now: later }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PkiError);
    expect((error as PkiError).code).toBe('CA_EXPIRED');
  });

  it('caps validity at the end of the issuing CA', async () => {
    const nearEnd = new Date(new x509.X509Certificate(testCa.ca.issuingCertificatePem).notAfter.getTime() - 10 * 86_400_000);
    const issued = await testCa.ca.issueServerCertificate({ hostnames: ['ward.test'], validityDays: 825, now: nearEnd });
    expect(issued.notAfter).toEqual(new x509.X509Certificate(testCa.ca.issuingCertificatePem).notAfter);
  });
});
