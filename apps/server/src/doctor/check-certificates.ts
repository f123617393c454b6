import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCertificateAuthority, parseMasterKey } from '@ward/pki';
import { createServerSecretStore, openDatabase, type ServerSecretStore, type WardDatabase } from '@ward/store';
import type { WardConfig } from '../config/config-schema.js';
import { createAesGcmSecretBox } from '../adapters/aes-gcm-secret-box.js';
import { readCaBundle } from '../runtime/certificate-authority-secret.js';
import { openCommandSigningKey } from '../runtime/command-signing-key-secret.js';
import { dataFiles } from '../runtime/data-files.js';
import type { DatabaseTarget } from '../runtime/database-target.js';
import { serverSecretNames } from '../runtime/server-secret.js';
import { bootstrapNames, bootstrapRenewBeforeDays, certificateNames } from '../runtime/server-tls.js';
import { failed, passed, type DoctorCheck } from './doctor-check.js';

const day = 86_400_000;
/** A CA this close to its end needs replacing before devices stop trusting what it issued. */
const caWarnDays = 180;

const days = (until: Date, now: Date): number => Math.floor((until.getTime() - now.getTime()) / day);

function masterKeyOf(config: WardConfig, dataDir: string): Uint8Array | undefined {
  try {
    if (config.masterKey !== undefined) return parseMasterKey(config.masterKey);
    const path = join(dataDir, dataFiles.masterKey);
    return existsSync(path) ? parseMasterKey(readFileSync(path, 'utf8')) : undefined;
  } catch {
    return undefined;
  }
}

/** The stored CA (the database's, or a `ca.json` not yet moved there) opens with the master key and is far from its end. */
async function checkCertificateAuthority(store: ServerSecretStore, config: WardConfig, dataDir: string, now: Date): Promise<DoctorCheck> {
  const title = 'Certificate authority';
  let found;
  try {
    found = await readCaBundle(store, dataDir);
  } catch (error) {
    return failed(title, `the stored CA is unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (found === undefined) return failed(title, 'none yet; `ward serve` creates it at the first start.');
  const where = found.from === 'database' ? 'in the database' : `in ${join(dataDir, dataFiles.caBundle)} (moved into the database at the next start)`;
  const key = masterKeyOf(config, dataDir);
  if (key === undefined) return failed(title, `stored ${where}, but there is no usable master key to open it.`);
  const { bundle } = found;
  try {
    await loadCertificateAuthority(bundle, key);
  } catch (error) {
    return failed(title, `stored ${where}, but it does not open with the master key: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = new X509Certificate(bundle.root.certificatePem);
  const issuing = new X509Certificate(bundle.issuing.certificatePem);
  const end = new Date(Math.min(Date.parse(root.validTo), Date.parse(issuing.validTo)));
  const left = days(end, now);
  const detail = `root and issuing CA ${where} open with the master key; valid until ${end.toISOString().slice(0, 10)} (${left} days)`;
  return left < caWarnDays ? failed(title, `${detail}: renew the CA soon.`) : passed(title, detail);
}

/** The stored command-signing key opens with the master key. */
async function checkCommandSigningKey(store: ServerSecretStore, config: WardConfig, dataDir: string): Promise<DoctorCheck> {
  const title = 'Command-signing key';
  const key = masterKeyOf(config, dataDir);
  if (key === undefined) {
    const stored = await store.getServerSecret(serverSecretNames.commandSigningKey);
    return failed(title, stored === undefined ? 'none yet; `ward serve` creates it at the first start.' : 'stored in the database, but there is no usable master key to open it.');
  }
  try {
    if ((await openCommandSigningKey(store, createAesGcmSecretBox(key))) === undefined) return failed(title, 'none yet; `ward serve` creates it at the first start.');
  } catch (error) {
    return failed(title, error instanceof Error ? error.message : String(error));
  }
  return passed(title, 'ECDSA P-256 in the database, opens with the master key');
}

/**
 * The server-wide secrets in the database: the CA and the command-signing key are there (or, for
 * the CA, still in the data directory's `ca.json`) and open with the master key. Reads only.
 */
export async function checkServerSecrets(config: WardConfig, dataDir: string, target: DatabaseTarget, now: Date): Promise<DoctorCheck[]> {
  const titles = ['Certificate authority', 'Command-signing key'];
  if (target.sqlitePath !== undefined && target.sqlitePath !== ':memory:' && !existsSync(target.sqlitePath)) return titles.map((t) => failed(t, 'no database to read it from.'));
  let database: WardDatabase;
  try {
    database = openDatabase(target.open);
  } catch (error) {
    return titles.map((t) => failed(t, `the database cannot be opened: ${error instanceof Error ? error.message : String(error)}`));
  }
  try {
    const store = createServerSecretStore(database);
    try {
      await store.getServerSecret(serverSecretNames.caBundle);
    } catch (error) {
      return titles.map((t) => failed(t, `cannot be read from the database (run \`ward migrate\`?): ${error instanceof Error ? error.message : String(error)}`));
    }
    return [await checkCertificateAuthority(store, config, dataDir, now), await checkCommandSigningKey(store, config, dataDir)];
  } finally {
    await database.close();
  }
}

/**
 * The TLS certificate the server will serve: the configured files (key matching, covering the
 * public URL's host) or the bootstrap certificate (covering the configured names); not near its end.
 */
export function checkTlsCertificate(config: WardConfig, dataDir: string, now: Date): DoctorCheck {
  const title = 'TLS certificate';
  const configured = config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined;
  const certPath = configured ? config.tlsCertFile : join(dataDir, dataFiles.tlsDir, 'server.crt');
  const keyPath = configured ? config.tlsKeyFile : join(dataDir, dataFiles.tlsDir, 'server.key');
  if (!existsSync(certPath)) {
    return configured ? failed(title, `${certPath} does not exist.`) : failed(title, `none at ${certPath}; \`ward serve\` issues it from Ward's CA at start.`);
  }
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(readFileSync(certPath));
  } catch {
    return failed(title, `${certPath} holds no readable PEM certificate.`);
  }
  try {
    if (!leaf.checkPrivateKey(createPrivateKey(readFileSync(keyPath)))) return failed(title, `${keyPath} is not the key of ${certPath}.`);
  } catch {
    return failed(title, `${keyPath} holds no readable private key.`);
  }
  const names = certificateNames(leaf);
  const wanted = configured ? (config.publicUrl === undefined ? [] : [new URL(config.publicUrl).hostname]) : bootstrapNames(config.tlsHostnames, config.publicUrl);
  const missing = wanted.filter((name) => leaf.checkHost(name) === undefined && leaf.checkIP(name.replace(/^\[|\]$/g, '')) === undefined);
  const notAfter = new Date(leaf.validTo);
  const left = days(notAfter, now);
  const describe = `${certPath} for ${names.join(', ') || '(no names)'}; valid until ${notAfter.toISOString().slice(0, 10)} (${left} days)`;
  if (Date.parse(leaf.validFrom) > now.getTime()) return failed(title, `${describe}: not valid yet (check the clock).`);
  if (left < 0) return failed(title, `${describe}: expired.`);
  if (missing.length > 0) return failed(title, `${describe}: does not cover ${missing.join(', ')}${configured ? '' : ' (a new one is issued at the next start)'}.`);
  // A bootstrap certificate is renewed at start when this close to its end; a configured one is the operator's.
  const soon = configured ? 14 : bootstrapRenewBeforeDays;
  if (left < soon) return failed(title, `${describe}: renew it${configured ? '' : ' (restart Ward to issue a new one)'}.`);
  return passed(title, describe);
}
