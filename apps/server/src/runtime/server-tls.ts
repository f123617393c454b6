import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { fingerprintSha256, type CertificateAuthority } from '@ward/pki';
import { dataFiles } from './data-files.js';

/** The certificate and key the HTTPS listener serves. */
export interface ServerTls {
  /** PEM private key. */
  readonly key: string;
  /** PEM chain: the server certificate first, then its issuers. */
  readonly cert: string;
  /** SHA-256 fingerprint of the server certificate, colon-separated hex. */
  readonly fingerprint: string;
  readonly notAfter: Date;
  /** The names the certificate covers (DNS names and IP addresses). */
  readonly names: readonly string[];
  /** `files`: configured by the operator; `issued`: issued now by Ward's CA; `reused`: issued earlier by it. */
  readonly source: 'files' | 'issued' | 'reused';
  /** The certificate file. */
  readonly certPath: string;
}

/** Validity of a bootstrap certificate; under the 398 days browsers accept. */
export const bootstrapCertificateDays = 397;
/** A bootstrap certificate with less time left than this is replaced at start. */
export const bootstrapRenewBeforeDays = 30;


/** The names a bootstrap certificate covers: the configured ones plus the loopback names. */
export function bootstrapNames(configured: readonly string[], publicUrl: string | undefined): string[] {
  const names = new Set<string>(['localhost', '127.0.0.1', '::1']);
  for (const name of configured) names.add(name.toLowerCase());
  if (publicUrl !== undefined) names.add(new URL(publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  return [...names];
}

/** The DNS names and IP addresses in a certificate's subjectAltName. */
export function certificateNames(certificate: X509Certificate): string[] {
  return (certificate.subjectAltName ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .flatMap((entry) => {
      const match = /^(DNS|IP Address):(.+)$/.exec(entry);
      return match?.[2] === undefined ? [] : [match[2].toLowerCase()];
    });
}

/** The certificate and key files an operator configured, read and described. */
export function readConfiguredTls(certPath: string, keyPath: string): ServerTls {
  const cert = readFileSync(certPath, 'utf8');
  const key = readFileSync(keyPath, 'utf8');
  const leaf = new X509Certificate(cert);
  return { key, cert, fingerprint: fingerprintSha256(cert), notAfter: new Date(leaf.validTo), names: certificateNames(leaf), source: 'files', certPath };
}

/**
 * The bootstrap certificate for `names` from Ward's CA, kept in `<dataDir>/tls/` so its fingerprint
 * stays the same from one start to the next. A new one is issued when there is none, when it
 * lacks a name, nears its end, or was issued by another CA.
 */
export async function bootstrapTls(dataDir: string, ca: CertificateAuthority, names: readonly string[], now: Date): Promise<ServerTls> {
  const dir = join(dataDir, dataFiles.tlsDir);
  const certPath = join(dir, 'server.crt');
  const keyPath = join(dir, 'server.key');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    const leaf = new X509Certificate(cert);
    const issuer = new X509Certificate(ca.issuingCertificatePem);
    const covered = certificateNames(leaf);
    const fresh = new Date(leaf.validTo).getTime() - now.getTime() > bootstrapRenewBeforeDays * 86_400_000;
    // Matched the way TLS clients match (IPv6 in any notation, names case-insensitively), not as text.
    const coversAll = names.every((n) => (isIP(n) === 0 ? leaf.checkHost(n) !== undefined : leaf.checkIP(n) !== undefined));
    if (fresh && leaf.verify(issuer.publicKey) && coversAll) {
      return { key: readFileSync(keyPath, 'utf8'), cert, fingerprint: fingerprintSha256(cert), notAfter: new Date(leaf.validTo), names: covered, source: 'reused', certPath };
    }
  }
  const issued = await ca.issueServerCertificate({
    hostnames: names.filter((n) => isIP(n) === 0),
    ipAddresses: names.filter((n) => isIP(n) !== 0),
    validityDays: bootstrapCertificateDays,
    now,
  });
  const cert = issued.certificatePem + issued.chainPem;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyPath, issued.privateKeyPem, { mode: 0o600 });
  writeFileSync(certPath, cert, { mode: 0o644 });
  return { key: issued.privateKeyPem, cert, fingerprint: issued.fingerprintSha256, notAfter: issued.notAfter, names: [...names], source: 'issued', certPath };
}
