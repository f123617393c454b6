// The raw rate at which Ward's CA signs device certificates, measured in the benchmark's own
// process on the server's own CA key, through the same code path as SCEP (pki's issueFromCsr, with
// SHA-1-signed RSA-2048 CSRs as iPhones send them). Enrollments per second are judged against it.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCertificateAuthority, type CaBundle, type CertificateAuthority } from '@ward/pki';
import { createScepCsr, encodeSubjectName } from '@ward/simulator';
import { createServerSecretStore, openDatabase } from '@ward/store';
import { benchClock } from './bench-deps.js';

/** One measured signing loop. */
export interface SigningRate {
  readonly perSecond: number;
  readonly issued: number;
  readonly seconds: number;
  /** Certificates being issued at once. */
  readonly inFlight: number;
}

// The server keeps its CA under this name in `server_secrets` (apps/server's serverSecretNames.caBundle).
const caBundleSecret = 'ca-bundle';

function masterKeyOf(dataDir: string): Uint8Array {
  const text = readFileSync(join(dataDir, 'master.key'), 'utf8').trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${join(dataDir, 'master.key')} does not hold a 32-byte master key`);
  return new Uint8Array(key);
}

/** Unlocks the CA a running `ward serve` uses (SQLite in `dataDir`, master key in its file). */
export async function loadServerCa(dataDir: string): Promise<CertificateAuthority> {
  const database = openDatabase({ sqlitePath: join(dataDir, 'ward.db') });
  try {
    const stored = await createServerSecretStore(database, { clock: benchClock }).getServerSecret(caBundleSecret);
    if (stored === undefined) throw new Error('the server has no CA in its database yet');
    return await loadCertificateAuthority(JSON.parse(stored) as CaBundle, masterKeyOf(dataDir));
  } finally {
    await database.close();
  }
}

/** RSA CSRs as an iPhone makes them for SCEP (SHA-1 signature, challenge password), PEM. */
export function iphoneCsrs(keysPem: readonly string[]): string[] {
  const subject = encodeSubjectName([[['CN', 'Ward benchmark device']]]);
  return keysPem.map((pem) => {
    const der = createScepCsr({ privateKey: createPrivateKey(pem), subject, digest: 'sha1', challenge: 'benchmark-challenge' });
    const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
    return `-----BEGIN CERTIFICATE REQUEST-----\n${lines.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
  });
}

/**
 * Issues certificates from `csrsPem` round and round, `inFlight` at a time, for at least
 * `minSeconds` and at least one pass, with the arguments the SCEP path passes.
 */
export async function measureSigningRate(ca: CertificateAuthority, csrsPem: readonly string[], inFlight: number, minSeconds: number): Promise<SigningRate> {
  let next = 0;
  let issued = 0;
  const started = performance.now();
  const until = started + minSeconds * 1000;
  const loop = async (): Promise<void> => {
    while (next < csrsPem.length || performance.now() < until) {
      const csrPem = csrsPem[next++ % csrsPem.length] ?? '';
      const result = await ca.issueFromCsr({
        csrPem,
        subject: { commonName: `bench-${next}`, organizationalUnit: 'bench' },
        validityDays: 365,
        now: new Date(),
        extendedKeyUsage: 'clientAuth',
        acceptSha1Signature: true,
      });
      if (!result.ok) throw new Error(`the CA refused a benchmark CSR: ${result.code} ${result.message}`);
      issued += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: issued / seconds, issued, seconds, inFlight };
}
