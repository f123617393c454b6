import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority, loadCertificateAuthority, type CaBundle, type CertificateAuthority } from '@ward/pki';

import { dataFiles } from './data-files.js';

// Where the CA bundle is kept: a JSON file in the data directory. The store has no table for
// server-wide secrets yet; the private keys in the bundle are encrypted under the master key by
// @ward/pki, so the file is no more sensitive than the database. (On PostgreSQL with several
// processes, each data directory would grow its own CA: a shared table is the fix.)

/** The CA and whether this call created it. */
export interface LoadedCertificateAuthority {
  readonly ca: CertificateAuthority;
  readonly created: boolean;
  /** The root certificate file clients can trust. */
  readonly rootCertificatePath: string;
}

/** Reads the stored CA bundle, or undefined when none was created yet. */
export function readCaBundle(dataDir: string): CaBundle | undefined {
  const path = join(dataDir, dataFiles.caBundle);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as CaBundle;
}

/**
 * Unlocks the CA stored in the data directory with the master key, or creates it (ECDSA P-256,
 * root and issuing CA) at the first start. Created exclusively, so of two processes starting on
 * one data directory at once the second loads the first's CA.
 */
export async function loadOrCreateCertificateAuthority(dataDir: string, masterKey: Uint8Array, now: Date): Promise<LoadedCertificateAuthority> {
  const bundlePath = join(dataDir, dataFiles.caBundle);
  const rootCertificatePath = join(dataDir, dataFiles.caCertificate);
  let bundle = readCaBundle(dataDir);
  let created = false;
  if (bundle === undefined) {
    const fresh = await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward', masterKey, now });
    try {
      writeFileSync(bundlePath, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      bundle = fresh;
      created = true;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      bundle = readCaBundle(dataDir);
      if (bundle === undefined) throw new Error(`The CA bundle ${bundlePath} vanished while it was being created.`, { cause: error });
    }
  }
  const ca = await loadCertificateAuthority(bundle, masterKey);
  // Rewritten every start, so the trust anchor on disk always matches the CA in use.
  writeFileSync(rootCertificatePath, ca.rootCertificatePem, { mode: 0o644 });
  return { ca, created, rootCertificatePath };
}
