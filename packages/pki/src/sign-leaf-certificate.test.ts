import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readBer, berRaw } from './ber-reader.js';
import { buildName } from './build-name.js';
import { unlockIssuer } from './load-certificate-authority.js';
import { PkiError } from './pki-error.js';
import { signLeafCertificate, signLeafCertificateDer, subjectKeyIdentifier } from './sign-leaf-certificate.js';
import { createTestCa, TEST_ALGORITHMS } from './test-support/test-ca.js';
import { webcrypto, x509 } from './x509.js';

const tbsOf = (der: Uint8Array): Buffer => Buffer.from(berRaw(readBer(der, 'INVALID_INPUT').children[0]!));

describe('signLeafCertificateDer', () => {
  it.each(TEST_ALGORITHMS.flatMap((algorithm) => [[algorithm, 'rsa', 'clientAuth'], [algorithm, 'ec', 'serverAuth']] as const))(
    'writes byte for byte the TBSCertificate @peculiar/x509 builds (%s CA, %s key, %s), with a signature the CA key verifies',
    async (algorithm, keyType, extendedKeyUsage) => {
      const now = new Date('2049-12-30T10:11:12.345Z');
      const testCa = await createTestCa(algorithm, new Date('2026-11-29T00:00:00Z'));
      const issuer = await unlockIssuer(testCa.bundle, testCa.masterKey);
      const key = keyType === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const spki = new Uint8Array(key.publicKey.export({ format: 'der', type: 'spki' }));
      // notAfter past 2049, so both UTCTime and GeneralizedTime are written.
      const params = {
        rsaKey: keyType === 'rsa',
        subject: buildName({ organization: 'Ward Test', organizationalUnit: 'tenant-1', commonName: 'device-42' }),
        serialNumber: '7f01020304050607080900aabbccddeeff',
        validity: { notBefore: now, notAfter: new Date(now.getTime() + 2 * 86_400_000) },
        extendedKeyUsage,
      };
      const reference = await signLeafCertificate(issuer, { ...params, publicKey: new x509.PublicKey(spki) });
      const written = signLeafCertificateDer(issuer, { ...params, publicKeyDer: spki });
      expect(tbsOf(written).toString('hex')).toBe(tbsOf(new Uint8Array(reference.rawData)).toString('hex'));
      const parsed = new X509Certificate(written);
      expect(parsed.verify(issuer.publicKey)).toBe(true);
      expect(parsed.checkIssued(new X509Certificate(Buffer.from(issuer.certificate.rawData)))).toBe(true);
    },
  );
});

describe('subjectKeyIdentifier', () => {
  it.each([
    ['RSA-2048', (): Buffer => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'der', type: 'spki' })],
    ['EC P-256', (): Buffer => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' })],
    ['EC P-384', (): Buffer => generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'der', type: 'spki' })],
  ])('is what @peculiar/x509 computes for a %s key (RFC 5280 §4.2.1.2 method 1)', async (_label, make) => {
    const spki = new Uint8Array(make());
    const expected = Buffer.from(await new x509.PublicKey(spki).getKeyIdentifier(webcrypto)).toString('hex');
    expect(subjectKeyIdentifier(spki)).toBe(expected);
  });

  it.each([
    ['random bytes', new Uint8Array(40).fill(7)],
    ['a SEQUENCE without a BIT STRING', Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)],
    ['an empty input', new Uint8Array(0)],
  ])('refuses %s with INVALID_INPUT', (_label, input) => {
    expect(() => subjectKeyIdentifier(input)).toThrow(PkiError);
  });
});
