import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from './decode-pem.js';
import { PkiError } from './pki-error.js';
import { readCertificateSummary } from './read-certificate-summary.js';
import { createTempDir, type TempDir } from './test-support/temp-dir.js';
import { x509 } from './x509.js';

let dir: TempDir;
beforeAll(async () => {
  dir = await createTempDir();
});
afterAll(() => dir.remove());
let n = 0;

/** A self-signed certificate made by openssl with the given options, DER. */
function opensslCertificate(args: readonly string[]): Uint8Array {
  const base = join(dir.path, `c${n++}`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${base}.key`, '-out', `${base}.pem`, ...args], { stdio: 'ignore' });
  return decodePem(readFileSync(`${base}.pem`, 'utf8'))![0]!.der;
}

describe('readCertificateSummary', () => {
  it.each([
    ['a UTF-8 commonName and a serial with its high bit set', ['-subj', '/CN=Gerät 7/O=Ward', '-utf8', '-set_serial', '0xF1E2D3C4B5A69788', '-days', '30']],
    ['a serial that needs no sign octet', ['-subj', '/O=Ward/CN=device-7', '-set_serial', '0x0102030405', '-days', '30']],
    ['a notAfter past 2049 (GeneralizedTime)', ['-subj', '/CN=long', '-days', '10000']],
    ['no commonName at all', ['-subj', '/O=Ward/OU=devices', '-days', '1']],
  ])('reads what @peculiar/x509 reads, for %s', (_label, args) => {
    const der = opensslCertificate(args);
    const reference = new x509.X509Certificate(der);
    const summary = readCertificateSummary(der, 'CERT_MALFORMED');
    expect(summary.serialNumber).toBe(reference.serialNumber);
    expect(summary.subjectCommonName).toBe(reference.subjectName.getField('CN')[0] ?? null);
    expect(summary.notBefore).toEqual(reference.notBefore);
    expect(summary.notAfter).toEqual(reference.notAfter);
    expect(Buffer.from(summary.issuerDer)).toEqual(Buffer.from(reference.issuerName.toArrayBuffer()));
    expect(Buffer.from(summary.subjectPublicKeyInfoDer)).toEqual(Buffer.from(reference.publicKey.rawData));
  });

  it.each([
    ['random bytes', new Uint8Array(64).fill(0x41)],
    ['an empty SEQUENCE', Uint8Array.of(0x30, 0x00)],
    ['a truncated certificate', (): Uint8Array => opensslCertificate(['-subj', '/CN=x', '-days', '1']).subarray(0, 200)],
    ['a certificate followed by extra bytes', (): Uint8Array => Buffer.concat([opensslCertificate(['-subj', '/CN=x', '-days', '1']), Uint8Array.of(0)])],
    ['deeply nested SEQUENCEs', new Uint8Array(Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 0x30 : 0x80))).subarray(0, 398)],
  ])('refuses %s with the caller’s code', (_label, input) => {
    const der = typeof input === 'function' ? input() : input;
    expect(() => readCertificateSummary(der, 'CERT_MALFORMED')).toThrow(PkiError);
    try {
      readCertificateSummary(der, 'CERT_MALFORMED');
    } catch (error) {
      expect((error as PkiError).code).toBe('CERT_MALFORMED');
    }
  });

  it('refuses a validity time that is not RFC 5280’s form', () => {
    const der = Buffer.from(opensslCertificate(['-subj', '/CN=x', '-days', '1']));
    // UTCTime content is 13 characters ending in Z; make the first one's seconds "99".
    const at = der.indexOf(Uint8Array.of(0x17, 0x0d));
    der[at + 2 + 10] = 0x39;
    der[at + 2 + 11] = 0x39;
    expect(() => readCertificateSummary(new Uint8Array(der), 'CERT_MALFORMED')).toThrow(/notBefore/);
  });
});
