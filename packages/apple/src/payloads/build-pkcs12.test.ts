import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPkcs12, pkcs12Kdf } from './build-pkcs12.js';
import { decodePemCertificates } from './decode-pem-certificates.js';
import { makeTestIdentity, runOpenssl, runOpensslCombined, tempDir, writeTemp, type TestIdentity } from './test-support/test-identity.js';

const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
let identity: TestIdentity;
const temp = tempDir();

beforeAll(() => {
  identity = makeTestIdentity();
});
afterAll(() => {
  temp.remove();
});

function build(password = 'Correct-Horse-9', encryption: 'aes256' | 'legacy3des' = 'aes256'): Uint8Array {
  const certificatesDer = [...(decodePemCertificates(identity.certificatePem) ?? []), ...(decodePemCertificates(identity.caPem) ?? [])].map((c) => c.der);
  return buildPkcs12({ certificatesDer, privateKeyPem: identity.privateKeyPem, friendlyName: 'Wi-Fi identity', password, randomBytes: random, encryption });
}

describe('buildPkcs12', () => {
  it('produces a file OpenSSL opens with the password: MAC verified, key and both certificates inside', () => {
    const path = writeTemp(temp.dir, 'a.p12', build());
    const out = runOpenssl(['pkcs12', '-in', path, '-passin', 'pass:Correct-Horse-9', '-nodes', '-info'], temp.dir);
    expect(out.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(out).toContain('-----BEGIN PRIVATE KEY-----');
    expect(out).toContain('friendlyName: Wi-Fi identity');
  });

  it('encrypts the key with PBES2: PBKDF2 with HMAC-SHA256 and AES-256-CBC, and MACs with SHA-256', () => {
    const path = writeTemp(temp.dir, 'b.p12', build());
    const { status, output } = runOpensslCombined(['pkcs12', '-in', path, '-passin', 'pass:Correct-Horse-9', '-noout', '-info'], temp.dir);
    expect(status).toBe(0);
    expect(output).toMatch(/MAC: sha256/);
    expect(output).toMatch(/PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
  });

  it('writes the legacy form on request: 3DES key encryption and a SHA-1 MAC, which OpenSSL opens', () => {
    const path = writeTemp(temp.dir, 'legacy.p12', build('Correct-Horse-9', 'legacy3des'));
    const { status, output } = runOpensslCombined(['pkcs12', '-in', path, '-passin', 'pass:Correct-Horse-9', '-nodes', '-info'], temp.dir);
    expect(status).toBe(0);
    expect(output).toMatch(/MAC: sha1, Iteration 2048/);
    expect(output).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048/);
    expect(output).toContain('-----BEGIN PRIVATE KEY-----');
    expect(runOpensslCombined(['pkcs12', '-in', path, '-passin', 'pass:not-the-password', '-noout'], temp.dir).status).not.toBe(0);
  });

  it('refuses a wrong password at the MAC', () => {
    const path = writeTemp(temp.dir, 'c.p12', build());
    expect(() => runOpenssl(['pkcs12', '-in', path, '-passin', 'pass:wrong-password', '-noout'], temp.dir)).toThrow();
  });

  it('leaves the private key in the key owner the leaf certificate matches', () => {
    const path = writeTemp(temp.dir, 'd.p12', build());
    const keyPem = runOpenssl(['pkcs12', '-in', path, '-passin', 'pass:Correct-Horse-9', '-nocerts', '-nodes'], temp.dir);
    const keyModulus = runOpenssl(['rsa', '-noout', '-modulus'], temp.dir, new TextEncoder().encode(keyPem));
    const certModulus = runOpenssl(['x509', '-noout', '-modulus'], temp.dir, new TextEncoder().encode(identity.certificatePem));
    expect(keyModulus).toBe(certModulus);
  });

  it('refuses garbage, oversized and non-ASCII input without echoing the key', () => {
    const der = decodePemCertificates(identity.certificatePem)?.map((c) => c.der) ?? [];
    const base = { certificatesDer: der, friendlyName: 'x', password: 'Correct-Horse-9', randomBytes: random };
    const secretLooking = '-----BEGIN PRIVATE KEY-----\nSECRETSECRET\n-----END PRIVATE KEY-----\n';
    expect(() => buildPkcs12({ ...base, privateKeyPem: secretLooking })).toThrow(/not a private key/);
    try {
      buildPkcs12({ ...base, privateKeyPem: secretLooking });
    } catch (e) {
      expect(String(e)).not.toContain('SECRETSECRET');
    }
    expect(() => buildPkcs12({ ...base, privateKeyPem: 'A'.repeat(20_000) })).toThrow(/too long/);
    expect(() => buildPkcs12({ ...base, privateKeyPem: identity.privateKeyPem, password: 'pässwörter' })).toThrow(/ASCII/);
    expect(() => buildPkcs12({ ...base, certificatesDer: [], privateKeyPem: identity.privateKeyPem })).toThrow(/certificate/);
  });
});

describe('pkcs12Kdf', () => {
  it('matches the RFC 7292 B.2 derivation that OpenSSL uses (checked by the MAC above) and is deterministic', () => {
    const salt = new Uint8Array(8).fill(1);
    const a = pkcs12Kdf('password', salt, 3, 1, 32);
    expect(a).toEqual(pkcs12Kdf('password', salt, 3, 1, 32));
    expect(a).not.toEqual(pkcs12Kdf('password', salt, 1, 1, 32));
    expect(pkcs12Kdf('password', salt, 1, 1, 80)).toHaveLength(80);
  });
});
