import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateFingerprint, normalizeSerial } from '../src/device-certificate.js';
import { deviceKey, testPki } from './support/test-pki.js';

describe('certificate identity as the TLS stack shows it', () => {
  it('matches the serial and fingerprint @ward/pki records at issuance', async () => {
    const pki = await testPki();
    const key = await deviceKey();
    for (let i = 0; i < 20; i += 1) {
      const issued = await pki.ca.issueFromCsr({ csrPem: key.csrPem, validityDays: 1, now: new Date(), extendedKeyUsage: 'clientAuth' });
      if (!issued.ok) throw new Error(issued.message);
      // Node's X509Certificate prints the serial as getPeerCertificate does (OpenSSL's BN_bn2hex).
      const node = new X509Certificate(issued.certificatePem);
      expect(normalizeSerial(node.serialNumber)).toBe(issued.serialNumber);
      expect(certificateFingerprint(node.raw)).toBe(issued.fingerprintSha256);
      expect(node.fingerprint256).toBe(issued.fingerprintSha256);
    }
  });

  it('normalises serials to even-length lower-case hex without leading zero bytes', () => {
    expect(normalizeSerial('0A1B')).toBe('0a1b');
    expect(normalizeSerial('00A1')).toBe('a1');
    expect(normalizeSerial('A1B')).toBe('0a1b');
    expect(normalizeSerial('7F:00:01')).toBe('7f0001');
  });
});
