import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority, loadCertificateAuthority, type CaBundle, type CertificateAuthority } from '@ward/pki';
import type { ServerSecretStore } from '@ward/store';
import { dataFiles } from './data-files.js';
import { loadOrCreateServerSecret, readServerSecret, serverSecretNames, type ServerSecretSource } from './server-secret.js';

/** The CA and where it came from. */
export interface LoadedCertificateAuthority {
  readonly ca: CertificateAuthority;
  readonly source: ServerSecretSource;
  /** A `ca.json` in the data directory that holds another CA than the database (see {@link loadOrCreateServerSecret}). */
  readonly divergentFile?: string;
  /** The root certificate file clients can trust. */
  readonly rootCertificatePath: string;
}

/** The stored CA bundle (the database's, else a not yet imported `ca.json`), or undefined when none exists. */
export async function readCaBundle(store: ServerSecretStore, dataDir: string): Promise<{ readonly bundle: CaBundle; readonly from: 'database' | 'file' } | undefined> {
  const found = await readServerSecret(store, serverSecretNames.caBundle, join(dataDir, dataFiles.caBundle));
  return found === undefined ? undefined : { bundle: JSON.parse(found.value) as CaBundle, from: found.from };
}

/**
 * Unlocks Ward's CA with the master key. It lives in the database, shared by every server process
 * (its private keys encrypted under the master key by @ward/pki); the first start creates it (ECDSA
 * P-256, root and issuing CA), or moves it there from the `ca.json` of earlier versions. The root
 * certificate is written to `<dataDir>/ca.crt` at every start, for clients to trust.
 */
export async function loadOrCreateCertificateAuthority(store: ServerSecretStore, dataDir: string, masterKey: Uint8Array, now: Date): Promise<LoadedCertificateAuthority> {
  const secret = await loadOrCreateServerSecret(store, serverSecretNames.caBundle, {
    legacyFile: join(dataDir, dataFiles.caBundle),
    create: async () => JSON.stringify(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward', masterKey, now })),
  });
  const ca = await loadCertificateAuthority(JSON.parse(secret.value) as CaBundle, masterKey);
  const rootCertificatePath = join(dataDir, dataFiles.caCertificate);
  // Rewritten every start, so the trust anchor on disk always matches the CA in use.
  writeFileSync(rootCertificatePath, ca.rootCertificatePem, { mode: 0o644 });
  return { ca, source: secret.source, rootCertificatePath, ...(secret.divergentFile === undefined ? {} : { divergentFile: secret.divergentFile }) };
}
