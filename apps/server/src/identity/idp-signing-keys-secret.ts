import type { SecretBox } from '@ward/core';
import { createSigningKeySet, parseSigningKeySet, type SigningKeySet } from '@ward/idp';
import type { ServerSecretStore } from '@ward/store';
import { loadOrCreateSealedServerSecret, serverSecretNames } from '../runtime/server-secret.js';

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
  const what = "the identity provider's stored signing keys";
  const opened = await loadOrCreateSealedServerSecret(store, secrets, {
    name: serverSecretNames.idpSigningKeys,
    label: sealLabel,
    what,
    create: async () => new TextEncoder().encode(JSON.stringify(await createSigningKeySet(now))),
  });
  const keys = parseSigningKeySet(JSON.parse(new TextDecoder().decode(opened)));
  if (keys === undefined) throw new Error("The identity provider's stored signing keys: not in a form this version of Ward reads.");
  return keys;
}
