import { beforeAll, describe, expect, it } from 'vitest';
import { decodePemCertificates, MAX_CERTIFICATE_PEM_LENGTH, MAX_PEM_CERTIFICATES } from './decode-pem-certificates.js';
import { makeTestIdentity, type TestIdentity } from './test-support/test-identity.js';

let identity: TestIdentity;
beforeAll(() => {
  identity = makeTestIdentity('leaf.example');
});

function body(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}

describe('decodePemCertificates', () => {
  it('decodes each certificate of a chain in order, with its common name', () => {
    const decoded = decodePemCertificates(`junk before\n${identity.certificatePem}text between\n${identity.caPem}`);
    expect(decoded?.map((c) => c.commonName)).toEqual(['leaf.example', 'Ward Test Root']);
    expect(Buffer.from(decoded?.[0]?.der ?? []).toString('base64')).toBe(body(identity.certificatePem));
  });

  it('refuses text without a certificate, damaged base64, DER that is not a certificate, or a certificate with trailing bytes', () => {
    const wrap = (b64: string): string => `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
    const der = Buffer.from(body(identity.certificatePem), 'base64');
    const cases = [
      '',
      'hello',
      identity.privateKeyPem,
      wrap(body(identity.certificatePem).slice(0, 100)),
      wrap(`${body(identity.certificatePem)}=`),
      wrap(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]).toString('base64')),
      wrap(Buffer.concat([der, Buffer.from([0, 0])]).toString('base64')),
      wrap(Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]).toString('base64')),
    ];
    for (const text of cases) expect(decodePemCertificates(text), text.slice(0, 50)).toBeUndefined();
  });

  it('refuses oversized text and too many certificates', () => {
    expect(decodePemCertificates(identity.caPem + ' '.repeat(MAX_CERTIFICATE_PEM_LENGTH))).toBeUndefined();
    const many = identity.caPem.repeat(MAX_PEM_CERTIFICATES + 1);
    expect(many.length).toBeLessThan(MAX_CERTIFICATE_PEM_LENGTH);
    expect(decodePemCertificates(many)).toBeUndefined();
    expect(decodePemCertificates(identity.caPem.repeat(MAX_PEM_CERTIFICATES))).toHaveLength(MAX_PEM_CERTIFICATES);
  });
});
