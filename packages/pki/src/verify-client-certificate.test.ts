import { webcrypto } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from './decode-pem.js';
import { encodePem } from './encode-pem.js';
import { MAX_CLIENT_CERTIFICATE_SIZE } from './verify-client-certificate.js';
import { createTestCa, type TestCa } from './test-support/test-ca.js';
import { x509 } from './x509.js';

describe('verifyClientCertificate', () => {
  const now = new Date();
  let testCa: TestCa;
  let device: { certificatePem: string; serialNumber: string; fingerprintSha256: string; notBefore: Date; notAfter: Date };
  let deviceKeyPem: string;

  beforeAll(async () => {
    testCa = await createTestCa('ecdsa-p256', now);
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } }, webcrypto);
    const issued = await testCa.ca.issueFromCsr({ csrPem: csr.toString('pem'), subject: { commonName: 'device-7' }, validityDays: 10, now, extendedKeyUsage: 'clientAuth' });
    if (!issued.ok) throw new Error(issued.code);
    device = issued;
    deviceKeyPem = encodePem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  });

  it('accepts a certificate it issued, as PEM or DER, and reports who it names', async () => {
    const expected = { ok: true, serialNumber: device.serialNumber, subjectCommonName: 'device-7', fingerprintSha256: device.fingerprintSha256 };
    await expect(testCa.ca.verifyClientCertificate(device.certificatePem, now)).resolves.toMatchObject(expected);
    const der = decodePem(device.certificatePem)![0]!.der;
    await expect(testCa.ca.verifyClientCertificate(der, now)).resolves.toMatchObject(expected);
  });

  it('accepts the certificate a client presented in a real mutual-TLS handshake', async () => {
    const server = await testCa.ca.issueServerCertificate({ hostnames: ['ward.test'], validityDays: 1, now });
    const tlsServer = createServer({
      key: server.privateKeyPem,
      cert: server.certificatePem + server.chainPem,
      requestCert: true,
      rejectUnauthorized: true,
      ca: testCa.ca.rootCertificatePem,
    });
    const peer = new Promise<Buffer>((resolve) => {
      tlsServer.on('secureConnection', (socket: TLSSocket) => {
        resolve(socket.getPeerCertificate().raw);
        socket.end();
      });
    });
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    try {
      const client = connect({
        host: '127.0.0.1',
        port: (tlsServer.address() as AddressInfo).port,
        servername: 'ward.test',
        ca: testCa.ca.rootCertificatePem,
        key: deviceKeyPem,
        cert: device.certificatePem + testCa.ca.issuingCertificatePem,
      });
      const refused = new Promise<never>((_resolve, reject) => {
        client.on('error', reject);
        tlsServer.on('tlsClientError', reject);
      });
      const raw = await Promise.race([peer, refused]);
      client.destroy();
      await expect(testCa.ca.verifyClientCertificate(new Uint8Array(raw), now)).resolves.toMatchObject({ ok: true, subjectCommonName: 'device-7' });
    } finally {
      await new Promise((resolve) => tlsServer.close(resolve));
    }
  });

  it('checks validity inclusively at both ends', async () => {
    await expect(testCa.ca.verifyClientCertificate(device.certificatePem, device.notBefore)).resolves.toMatchObject({ ok: true });
    await expect(testCa.ca.verifyClientCertificate(device.certificatePem, device.notAfter)).resolves.toMatchObject({ ok: true });
    await expect(testCa.ca.verifyClientCertificate(device.certificatePem, new Date(device.notBefore.getTime() - 1000))).resolves.toEqual({
      ok: false,
      code: 'CERT_NOT_YET_VALID',
    });
    await expect(testCa.ca.verifyClientCertificate(device.certificatePem, new Date(device.notAfter.getTime() + 1000))).resolves.toEqual({
      ok: false,
      code: 'CERT_EXPIRED',
    });
  });

  it('remembers only what does not change with time: a certificate it accepted is refused once past its notAfter', async () => {
    const der = decodePem(device.certificatePem)![0]!.der;
    const first = await testCa.ca.verifyClientCertificate(der, now);
    const again = await testCa.ca.verifyClientCertificate(new Uint8Array(der), now);
    expect(again).toEqual(first);
    if (!again.ok) throw new Error(again.code);
    // A caller moving the dates it got back must not move the remembered ones.
    again.notAfter.setTime(Date.now() + 1e12);
    const justAfter = new Date(device.notAfter.getTime() + 1);
    await expect(testCa.ca.verifyClientCertificate(der, justAfter)).resolves.toEqual({ ok: false, code: 'CERT_EXPIRED' });
    await expect(testCa.ca.verifyClientCertificate(der, new Date(device.notBefore.getTime() - 1))).resolves.toEqual({ ok: false, code: 'CERT_NOT_YET_VALID' });
    await expect(testCa.ca.verifyClientCertificate(der, now)).resolves.toMatchObject({ ok: true, notAfter: device.notAfter });
  });

  it('does not remember a refusal, nor lend an accepted certificate’s answer to a different one', async () => {
    const der = Buffer.from(decodePem(device.certificatePem)![0]!.der);
    await expect(testCa.ca.verifyClientCertificate(der, now)).resolves.toMatchObject({ ok: true });
    // Same certificate with one byte of its signature changed: a different hash, so checked afresh.
    const tampered = Buffer.from(der);
    tampered.writeUInt8((tampered.at(-1) ?? 0) ^ 0x01, tampered.length - 1);
    for (let i = 0; i < 2; i++) {
      await expect(testCa.ca.verifyClientCertificate(new Uint8Array(tampered), now)).resolves.toEqual({ ok: false, code: 'CERT_UNTRUSTED' });
    }
    // Trailing bytes after a valid certificate are refused, though OpenSSL's parser would skip them.
    await expect(testCa.ca.verifyClientCertificate(new Uint8Array(Buffer.concat([der, Uint8Array.of(0)])), now)).resolves.toEqual({ ok: false, code: 'CERT_MALFORMED' });
  });

  it('refuses a server certificate with CERT_NOT_CLIENT_AUTH', async () => {
    const server = await testCa.ca.issueServerCertificate({ hostnames: ['ward.test'], validityDays: 1, now });
    await expect(testCa.ca.verifyClientCertificate(server.certificatePem, now)).resolves.toEqual({ ok: false, code: 'CERT_NOT_CLIENT_AUTH' });
  });

  it('refuses a certificate from another CA with the very same names, and the CA certificates themselves', async () => {
    const other = await createTestCa('ecdsa-p256', now);
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } }, webcrypto);
    const foreign = await other.ca.issueFromCsr({ csrPem: csr.toString('pem'), subject: { commonName: 'device-7' }, validityDays: 10, now, extendedKeyUsage: 'clientAuth' });
    if (!foreign.ok) throw new Error(foreign.code);
    await expect(testCa.ca.verifyClientCertificate(foreign.certificatePem, now)).resolves.toEqual({ ok: false, code: 'CERT_UNTRUSTED' });
    await expect(testCa.ca.verifyClientCertificate(testCa.ca.rootCertificatePem, now)).resolves.toEqual({ ok: false, code: 'CERT_UNTRUSTED' });
    await expect(testCa.ca.verifyClientCertificate(testCa.ca.issuingCertificatePem, now)).resolves.toEqual({ ok: false, code: 'CERT_UNTRUSTED' });
  });

  it('refuses a certificate whose signed content was altered with CERT_UNTRUSTED', async () => {
    const der = Buffer.from(decodePem(device.certificatePem)![0]!.der);
    const at = der.indexOf('device-7');
    der[at + 7] = '9'.charCodeAt(0);
    await expect(testCa.ca.verifyClientCertificate(new Uint8Array(der), now)).resolves.toEqual({ ok: false, code: 'CERT_UNTRUSTED' });
  });

  it.each([
    ['text without a certificate', 'hello'],
    ['random bytes', new Uint8Array(64).fill(0x30)],
    ['an oversized input', new Uint8Array(MAX_CLIENT_CERTIFICATE_SIZE + 1)],
  ])('refuses %s with CERT_MALFORMED', async (_label, input) => {
    await expect(testCa.ca.verifyClientCertificate(input, now)).resolves.toEqual({ ok: false, code: 'CERT_MALFORMED' });
  });
});
