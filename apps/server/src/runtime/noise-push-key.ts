import { randomBytes } from 'node:crypto';
import type { SecretBox } from '@ward/core';
import type { ServerSecretStore } from '@ward/store';
import { loadOrCreateSealedServerSecret, serverSecretNames } from './server-secret.js';

/** The SecretBox label the key is sealed under; a ciphertext made for another purpose does not open. */
const sealLabel = 'agent-noise-push-key';

/**
 * The key material the Noise push channel's tickets and pre-shared keys are derived from
 * (packages/http/src/noise-push/noise-push-tickets.ts), made at the first start. It lives in the
 * database sealed under the master key, so a ticket one server process issued opens in every other.
 *
 * @throws Error when the master key does not open the stored key, or it is not one.
 */
export async function loadOrCreateNoisePushKey(store: ServerSecretStore, secrets: SecretBox): Promise<Buffer> {
  const opened = await loadOrCreateSealedServerSecret(store, secrets, {
    name: serverSecretNames.agentNoisePushKey,
    label: sealLabel,
    what: 'the stored key of the Noise push channel',
    create: () => Promise.resolve(new Uint8Array(randomBytes(32))),
  });
  if (opened.length !== 32) throw new Error('The stored key of the Noise push channel is not 32 bytes.');
  return Buffer.from(opened);
}
