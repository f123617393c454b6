import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, loadCertificateAuthority, type CertificateAuthority } from '@ward/pki';
import { fail, ok, type CertificateIssuer, type Clock, type CommandSigner } from '../../src/index.js';

/** A real CA from @ward/pki and the two ports enrollment needs over it, as the server wires them. */
export interface DevicePki {
  readonly ca: CertificateAuthority;
  readonly issuer: CertificateIssuer;
  readonly signer: CommandSigner;
  /** The public key that verifies command signatures. */
  readonly signingPublicKeyPem: string;
}

export async function openDevicePki(clock: Clock): Promise<DevicePki> {
  const masterKey = new Uint8Array(32).fill(7);
  const ca = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward test', masterKey, now: clock.now() }), masterKey);
  const issuer: CertificateIssuer = {
    async issueDeviceCertificate({ csrPem, deviceId, tenantId }) {
      const issued = await ca.issueFromCsr({ csrPem, subject: { commonName: deviceId, organizationalUnit: tenantId }, validityDays: 90, now: clock.now(), extendedKeyUsage: 'clientAuth' });
      if (!issued.ok) return fail('CSR_INVALID', issued.message, { reason: issued.code });
      return ok({ certificatePem: issued.certificatePem, chainPem: ca.chainPem, serialNumber: issued.serialNumber, fingerprint: issued.fingerprintSha256, notBefore: issued.notBefore, notAfter: issued.notAfter });
    },
  };
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer: CommandSigner = { sign: (data) => Promise.resolve(sign('sha256', data, privateKey).toString('base64')) };
  return { ca, issuer, signer, signingPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** A CSR made by openssl, the way a real device's tooling makes one. */
export function opensslCsr(key: 'ec' | 'rsa1024' = 'ec'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ward-csr-'));
  try {
    const args = key === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:1024'];
    execFileSync('openssl', ['req', '-new', ...args, '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'csr.pem'), '-subj', '/CN=device'], { stdio: 'ignore' });
    return readFileSync(join(dir, 'csr.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
