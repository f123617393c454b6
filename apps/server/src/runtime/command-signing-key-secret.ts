import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SecretBox } from '@ward/core';
import type { ServerSecretStore } from '@ward/store';
import { commandSigningPublicKeyPem } from '../adapters/ecdsa-command-signer.js';
import { loadOrCreateServerSecret, readServerSecret, serverSecretNames, type ServerSecretSource } from './server-secret.js';

/** The SecretBox label the private key is sealed under; a ciphertext made for another purpose does not open. */
const sealLabel = 'command-signing-key';

/** The stored form. */
interface CommandSigningKeyRecord {
  readonly version: 1;
  readonly algorithm: 'ecdsa-p256';
  /** SPKI PEM of the public key, as agents pin it; stored so it can be read without the master key. */
  readonly publicKeyPem: string;
  /** PKCS#8 DER of the private key, sealed with the master key. */
  readonly sealedPrivateKey: string;
  readonly createdAt: string;
}

/** The key that signs commands, unlocked. */
export interface CommandSigningKey {
  readonly privateKey: KeyObject;
  /** SPKI PEM (`PUBLIC KEY`): what `buildApi` hands agents at enrollment. */
  readonly publicKeyPem: string;
  readonly source: ServerSecretSource;
}

function parseRecord(text: string): CommandSigningKeyRecord {
  const value: unknown = JSON.parse(text);
  const r = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof CommandSigningKeyRecord, unknown>>;
  if (r.version !== 1 || r.algorithm !== 'ecdsa-p256' || typeof r.publicKeyPem !== 'string' || typeof r.sealedPrivateKey !== 'string') {
    throw new Error('The stored command-signing key is not in a form this version of Ward reads.');
  }
  return value as CommandSigningKeyRecord;
}

function unlock(record: CommandSigningKeyRecord, secrets: SecretBox): KeyObject {
  const der = secrets.open(record.sealedPrivateKey, sealLabel);
  if (der === undefined) throw new Error('The master key does not open the stored command-signing key: WARD_MASTER_KEY (or <data dir>/master.key) is not the key this data was created with.');
  const privateKey = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  // The public half is stored in clear for readers without the master key; it must be this key's.
  if (commandSigningPublicKeyPem(privateKey) !== record.publicKeyPem) throw new Error('The stored command-signing public key does not belong to the sealed private key.');
  return privateKey;
}

/** A new ECDSA P-256 key, in its stored form. */
function createRecord(secrets: SecretBox, now: Date): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const record: CommandSigningKeyRecord = {
    version: 1,
    algorithm: 'ecdsa-p256',
    publicKeyPem: commandSigningPublicKeyPem(privateKey),
    sealedPrivateKey: secrets.seal(new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })), sealLabel),
    createdAt: now.toISOString(),
  };
  return JSON.stringify(record);
}

/**
 * Unlocks the command-signing key with the master key, or creates it (ECDSA P-256) at the first
 * start. Like the CA it lives in the database, shared by every server process: an agent pins the
 * public key at enrollment, so every process must sign with the same key.
 *
 * @throws Error when the master key does not open the stored key, or it is not one.
 */
export async function loadOrCreateCommandSigningKey(store: ServerSecretStore, secrets: SecretBox, now: Date): Promise<CommandSigningKey> {
  const secret = await loadOrCreateServerSecret(store, serverSecretNames.commandSigningKey, { create: () => Promise.resolve(createRecord(secrets, now)) });
  const record = parseRecord(secret.value);
  return { privateKey: unlock(record, secrets), publicKeyPem: record.publicKeyPem, source: secret.source };
}

/**
 * Unlocks the stored command-signing key, creating nothing: undefined when there is none (for
 * `ward doctor`, which changes nothing).
 *
 * @throws Error when the master key does not open it, or it is not one.
 */
export async function openCommandSigningKey(store: ServerSecretStore, secrets: SecretBox): Promise<{ readonly publicKeyPem: string } | undefined> {
  const found = await readServerSecret(store, serverSecretNames.commandSigningKey);
  if (found === undefined) return undefined;
  const record = parseRecord(found.value);
  unlock(record, secrets);
  return { publicKeyPem: record.publicKeyPem };
}
