import { existsSync, readFileSync } from 'node:fs';
import type { SecretBox } from '@ward/core';
import type { ServerSecretStore } from '@ward/store';

/** The names of Ward's server-wide secrets in the database (`server_secrets`). */
export const serverSecretNames = {
  /** The CA bundle (JSON): certificates, and private keys encrypted under the master key by @ward/pki. */
  caBundle: 'ca-bundle',
  /** The command-signing key (JSON): public key PEM, private key sealed under the master key. */
  commandSigningKey: 'command-signing-key',
  /** The SCEP registration authority (JSON): its RSA certificate and chain, its key encrypted under the master key. */
  scepRa: 'scep-ra',
  /** The identity provider's signing and cookie keys (JSON), sealed under the master key. */
  idpSigningKeys: 'idp-signing-keys',
  /** The key the Noise push channel's tickets and pre-shared keys derive from, sealed under the master key. */
  agentNoisePushKey: 'agent-noise-push-key',
} as const;

/** Where a loaded secret came from. */
export type ServerSecretSource =
  /** Already in the database. */
  | 'database'
  /** Moved into the database now from the data directory file that held it before. */
  | 'imported'
  /** Made now: the first start of the first process. */
  | 'created';

/** A secret and where it came from. */
export interface LoadedServerSecret {
  /** Compact JSON. */
  readonly value: string;
  readonly source: ServerSecretSource;
  /**
   * Set when the data directory still holds a file for this secret with other content than the
   * database: that process made its own (before secrets moved into the database) and devices it
   * served trust something the cluster no longer uses.
   */
  readonly divergentFile?: string;
}

/** Compact JSON of a JSON text, so a pretty-printed file and the stored value compare equal. */
function compact(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

/**
 * A server-wide secret shared by every server process through the database. The first process to
 * need it takes it, once, from the file in the data directory where earlier versions of Ward kept
 * it (a one-time migration: the file is left as it was, and read again only if the database has
 * lost the secret, as after restoring a backup made before the move), or else creates it. Of
 * several processes doing either at once exactly one stores its value; the others use that one.
 */
export async function loadOrCreateServerSecret(store: ServerSecretStore, name: string, options: { readonly legacyFile?: string; readonly create: () => Promise<string> }): Promise<LoadedServerSecret> {
  const { legacyFile } = options;
  const legacy = legacyFile !== undefined && existsSync(legacyFile) ? { path: legacyFile, value: compact(readFileSync(legacyFile, 'utf8')) } : undefined;
  const fromDatabase = (value: string): LoadedServerSecret => (legacy === undefined || legacy.value === value ? { value, source: 'database' } : { value, source: 'database', divergentFile: legacy.path });

  const stored = await store.getServerSecret(name);
  if (stored !== undefined) return fromDatabase(stored);
  const candidate = legacy?.value ?? compact(await options.create());
  if (await store.putServerSecretIfAbsent(name, candidate)) return { value: candidate, source: legacy === undefined ? 'created' : 'imported' };
  // Another process stored one first: use it.
  const winner = await store.getServerSecret(name);
  if (winner === undefined) throw new Error(`The server secret ${name} was neither stored nor readable.`);
  return fromDatabase(winner);
}

/** The secret as it is stored, or in the legacy file when the database has none yet; creates nothing. */
export async function readServerSecret(store: ServerSecretStore, name: string, legacyFile?: string): Promise<{ readonly value: string; readonly from: 'database' | 'file' } | undefined> {
  const stored = await store.getServerSecret(name);
  if (stored !== undefined) return { value: stored, from: 'database' };
  return legacyFile !== undefined && existsSync(legacyFile) ? { value: compact(readFileSync(legacyFile, 'utf8')), from: 'file' } : undefined;
}

/** What {@link loadOrCreateSealedServerSecret} needs to know of one secret. */
export interface SealedServerSecret {
  /** Its name in `server_secrets`. */
  readonly name: string;
  /** The SecretBox label it is sealed under, so a ciphertext made for another purpose does not open. */
  readonly label: string;
  /** How errors name it, after "The master key does not open": e.g. "the identity provider's stored signing keys". */
  readonly what: string;
  /** Makes the plaintext at the first start. */
  readonly create: () => Promise<Uint8Array>;
}

/**
 * A server secret stored whole under the master key (`{"version":1,"sealed":…}`), made at the
 * first start: its plaintext, the same in every process of a cluster.
 *
 * @throws Error when the master key does not open it, or it is not in that form.
 */
export async function loadOrCreateSealedServerSecret(store: ServerSecretStore, secrets: SecretBox, secret: SealedServerSecret): Promise<Uint8Array> {
  const loaded = await loadOrCreateServerSecret(store, secret.name, {
    create: async () => JSON.stringify({ version: 1, sealed: secrets.seal(await secret.create(), secret.label) }),
  });
  const record = JSON.parse(loaded.value) as { version?: unknown; sealed?: unknown };
  if (record.version !== 1 || typeof record.sealed !== 'string') throw new Error(`${capitalised(secret.what)}: not in a form this version of Ward reads.`);
  const opened = secrets.open(record.sealed, secret.label);
  if (opened === undefined) throw new Error(`The master key does not open ${secret.what}: WARD_MASTER_KEY (or <data dir>/master.key) is not the key this data was created with.`);
  return opened;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
