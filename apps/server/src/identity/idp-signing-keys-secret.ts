import type { SecretBox } from '@ward/core';
import { createSigningKeySet, parseSigningKeySet, type SigningKeySet } from '@ward/idp';
import type { ServerSecretStore } from '@ward/store';
import { loadOrCreateServerSecret, serverSecretNames } from '../runtime/server-secret.js';

/** The SecretBox label the key set is sealed under; a ciphertext made for another purpose does not open. */
const sealLabel = 'idp-signing-keys';

/**
 * Unlocks the identity provider's signing and cookie keys, or creates them at the first start. They
 * live in the database sealed under the master key, so every server process signs tokens with the
 * same keys and honours the same session cookies.
 *
 * @throws Error when the master key does not open the stored set, or it is not one.
 */
export async function loadOrCreateIdpSigningKeys(store: ServerSecretStore, secrets: SecretBox, now: Date): Promise<SigningKeySet> {
  const secret = await loadOrCreateServerSecret(store, serverSecretNames.idpSigningKeys, {
    // Server secrets are JSON; this one's only field is the sealed key set.
    create: async () => JSON.stringify({ version: 1, sealed: secrets.seal(new TextEncoder().encode(JSON.stringify(await createSigningKeySet(now))), sealLabel) }),
  });
  const record = JSON.parse(secret.value) as { version?: unknown; sealed?: unknown };
  if (record.version !== 1 || typeof record.sealed !== 'string') throw new Error('The identity provider\'s stored signing keys are not in a form this version of Ward reads.');
  const opened = secrets.open(record.sealed, sealLabel);
  if (opened === undefined) throw new Error('The master key does not open the identity provider\'s stored signing keys: WARD_MASTER_KEY (or <data dir>/master.key) is not the key this data was created with.');
  const keys = parseSigningKeySet(JSON.parse(new TextDecoder().decode(opened)));
  if (keys === undefined) throw new Error('The identity provider\'s stored signing keys are not in a form this version of Ward reads.');
  return keys;
}
