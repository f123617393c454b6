import { join } from 'node:path';
import type { Logger } from 'pino';
import { fingerprintSha256 } from '@ward/pki';
import { createServerSecretStore } from '@ward/store';
import { loadOrCreateCertificateAuthority, type LoadedCertificateAuthority } from './certificate-authority-secret.js';
import { loadOrCreateCommandSigningKey, type CommandSigningKey } from './command-signing-key-secret.js';
import { loadOrCreateScepRa, type LoadedScepRa } from './scep-ra-secret.js';
import { dataFiles } from './data-files.js';
import type { WardRuntime } from './open-ward.js';

/** Ward's server-wide keys, unlocked. */
export interface ServerKeys {
  /** The CA that issues device and server certificates. */
  readonly authority: LoadedCertificateAuthority;
  /** SHA-256 of the root CA certificate, colon hex: what `ward-agent enroll --ca-fingerprint` pins. */
  readonly caFingerprint: string;
  /** The key that signs commands; agents pin its public half at enrollment. */
  readonly commandSigning: CommandSigningKey;
  /** The SCEP registration authority Apple devices enroll through (RSA, issued by the CA). */
  readonly scepRa: LoadedScepRa;
}

/**
 * Unlocks (or, at the first start, creates) the CA and the command-signing key, which live in the
 * database sealed under the master key, shared by every server process. The server and the CLI
 * commands that issue or sign call this one function, so both always use the same keys. Says
 * what it created or moved into the database.
 */
export async function loadServerKeys(runtime: Pick<WardRuntime, 'dataDir' | 'masterKey' | 'deps' | 'database'>, logger: Pick<Logger, 'info' | 'warn'>): Promise<ServerKeys> {
  const now = runtime.deps.clock.now();
  const store = createServerSecretStore(runtime.database, { clock: runtime.deps.clock });
  const authority = await loadOrCreateCertificateAuthority(store, runtime.dataDir, runtime.masterKey.key, now);
  if (authority.source === 'created') logger.info({ path: authority.rootCertificatePath }, 'created Ward\'s certificate authority (stored in the database, keys sealed under the master key)');
  if (authority.source === 'imported') logger.info({ from: join(runtime.dataDir, dataFiles.caBundle) }, 'moved the certificate authority from the data directory into the database, shared by every server process; the ca.json file is no longer read');
  if (authority.divergentFile !== undefined) {
    logger.warn({ path: authority.divergentFile }, 'this data directory holds another CA than the database; the database\'s is used. Devices this process enrolled with its own CA must enroll again');
  }
  const commandSigning = await loadOrCreateCommandSigningKey(store, runtime.deps.secrets, now);
  if (commandSigning.source === 'created') logger.info('created the command-signing key (stored in the database, sealed under the master key)');
  const scepRa = await loadOrCreateScepRa(store, authority.ca, runtime.masterKey.key, now);
  if (scepRa.source === 'created') logger.info('created the SCEP registration authority for Apple enrollment (stored in the database, key sealed under the master key)');
  return { authority, caFingerprint: fingerprintSha256(authority.ca.rootCertificatePem), commandSigning, scepRa };
}
