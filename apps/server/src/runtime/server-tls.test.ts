import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, generateMasterKey, loadCertificateAuthority, type CertificateAuthority } from '@ward/pki';
import { bootstrapNames, bootstrapTls } from './server-tls.js';

describe('bootstrapTls', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ward-tls-'));
  const now = new Date('2026-01-01T00:00:00Z');
  let ca: CertificateAuthority;
  beforeAll(async () => {
    const masterKey = generateMasterKey();
    ca = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward', masterKey, now }), masterKey);
  });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('covers the loopback names, the configured ones and the public URL host', () => {
    expect(bootstrapNames(['MDM.example.com', '10.1.2.3'], 'https://ward.example.org:8443')).toEqual(['localhost', '127.0.0.1', '::1', 'mdm.example.com', '10.1.2.3', 'ward.example.org']);
  });

  it('issues once, reuses while it fits, and reissues for a new name or near its end', async () => {
    const names = bootstrapNames([], undefined);
    const first = await bootstrapTls(dir, ca, names, now);
    expect(first.source).toBe('issued');
    const leaf = new X509Certificate(first.cert);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.verify(new X509Certificate(ca.issuingCertificatePem).publicKey)).toBe(true);

    const again = await bootstrapTls(dir, ca, names, new Date(now.getTime() + 86_400_000));
    expect(again.source).toBe('reused');
    expect(again.fingerprint).toBe(first.fingerprint);

    const renamed = await bootstrapTls(dir, ca, [...names, 'mdm.example.com'], now);
    expect(renamed.source).toBe('issued');
    expect(renamed.fingerprint).not.toBe(first.fingerprint);

    const late = await bootstrapTls(dir, ca, names, new Date(renamed.notAfter.getTime() - 10 * 86_400_000));
    expect(late.source).toBe('issued');
  });
});
