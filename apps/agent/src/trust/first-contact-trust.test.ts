import { X509Certificate } from 'node:crypto';
import { createCertificateAuthority, loadCertificateAuthority, type CertificateAuthority, type ServerCertificate } from '@ward/pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { chainsToRoot } from '../enrollment/chains-to-root.js';
import { chooseFirstContactTrust } from './choose-first-contact-trust.js';
import { normalizeFingerprint } from './normalize-fingerprint.js';

describe('normalizeFingerprint', () => {
  it('accepts what people paste and rejects the rest', () => {
    const colon = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(':');
    expect(normalizeFingerprint(colon.toLowerCase())).toBe(colon);
    expect(normalizeFingerprint(colon.replace(/:/g, ''))).toBe(colon);
    expect(normalizeFingerprint(`sha256 Fingerprint=${colon}`)).toBe(colon);
    expect(normalizeFingerprint(`SHA256:${colon}`)).toBe(colon);
    expect(normalizeFingerprint('AB:CD')).toBeUndefined();
    expect(normalizeFingerprint('zz'.repeat(32))).toBeUndefined();
  });
});

describe('first contact', () => {
  let ca: CertificateAuthority;
  let other: CertificateAuthority;
  let server: ServerCertificate;
  let chain: X509Certificate[];
  beforeAll(async () => {
    const masterKey = new Uint8Array(32).fill(5);
    const now = new Date();
    ca = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Test', masterKey, now }), masterKey);
    other = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Other', masterKey, now }), masterKey);
    server = await ca.issueServerCertificate({ hostnames: ['ward.example'], validityDays: 30, now });
    // As presented in TLS: leaf, issuing CA, root.
    chain = [server.certificatePem, ca.issuingCertificatePem, ca.rootCertificatePem].map((pem) => new X509Certificate(pem));
  });

  it('with the root fingerprint, trusts the root alone', () => {
    const root = new X509Certificate(ca.rootCertificatePem);
    const chosen = chooseFirstContactTrust(chain, { kind: 'fingerprint', fingerprint: root.fingerprint256 });
    expect(chosen).toMatchObject({ ok: true, trust: { ca: root.toString() } });
    expect(chosen.ok && chosen.trust.pinnedFingerprint).toBeUndefined();
  });

  it('with the server certificate fingerprint, trusts the presented root and pins the leaf', () => {
    const chosen = chooseFirstContactTrust(chain, { kind: 'fingerprint', fingerprint: server.fingerprintSha256 });
    expect(chosen).toMatchObject({ ok: true, trust: { pinnedFingerprint: server.fingerprintSha256 } });
  });

  it('refuses when no presented certificate has the fingerprint, naming what was presented', () => {
    const chosen = chooseFirstContactTrust(chain, { kind: 'fingerprint', fingerprint: new X509Certificate(other.rootCertificatePem).fingerprint256 });
    expect(chosen.ok).toBe(false);
    expect(!chosen.ok && chosen.message).toContain(server.fingerprintSha256);
  });

  it('refuses to pin when the server does not present its root', () => {
    expect(chooseFirstContactTrust(chain.slice(0, 2), { kind: 'insecure' })).toMatchObject({ ok: false });
  });

  it('checks that the server chain leads to the root the server returned', () => {
    expect(chainsToRoot(chain, ca.rootCertificatePem)).toBe(true);
    expect(chainsToRoot(chain.slice(0, 2), ca.rootCertificatePem)).toBe(true);
    expect(chainsToRoot(chain, other.rootCertificatePem)).toBe(false);
    expect(chainsToRoot(chain, 'not a certificate')).toBe(false);
  });
});
