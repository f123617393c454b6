import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePem } from './decode-pem.js';
import { fingerprintSha256 } from './fingerprint-sha256.js';
import { openssl } from './test-support/openssl.js';
import { createTempDir } from './test-support/temp-dir.js';
import { createTestCa } from './test-support/test-ca.js';

describe('fingerprintSha256', () => {
  it('matches openssl for PEM and DER input', async () => {
    const { ca } = await createTestCa('ecdsa-p256');
    const dir = await createTempDir();
    try {
      await writeFile(join(dir.path, 'root.pem'), ca.rootCertificatePem);
      const result = await openssl(['x509', '-noout', '-fingerprint', '-sha256', '-in', 'root.pem'], dir.path);
      const expected = result.stdout.trim().replace('sha256 Fingerprint=', '');
      expect(fingerprintSha256(ca.rootCertificatePem)).toBe(expected);
      expect(fingerprintSha256(decodePem(ca.rootCertificatePem)![0]!.der)).toBe(expected);
      // The first certificate of a chain is the one fingerprinted.
      expect(fingerprintSha256(`leading text\n${ca.rootCertificatePem}${ca.issuingCertificatePem}`)).toBe(expected);
    } finally {
      await dir.remove();
    }
  });

  it('throws INVALID_INPUT for text without a certificate', () => {
    expect(() => fingerprintSha256('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
