import { randomBytes } from 'node:crypto';
import type { SecretBox } from '@ward/core';
import type { ServerSecretStore } from '@ward/store';
import { loadOrCreateServerSecret, serverSecretNames } from './server-secret.js';

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
  const secret = await loadOrCreateServerSecret(store, serverSecretNames.agentNoisePushKey, {
    create: () => Promise.resolve(JSON.stringify({ version: 1, sealed: secrets.seal(randomBytes(32), sealLabel) })),
  });
  const record = JSON.parse(secret.value) as { version?: unknown; sealed?: unknown };
  if (record.version !== 1 || typeof record.sealed !== 'string') throw new Error('The stored key of the Noise push channel is not in a form this version of Ward reads.');
  const opened = secrets.open(record.sealed, sealLabel);
  if (opened === undefined) throw new Error('The master key does not open the stored key of the Noise push channel: WARD_MASTER_KEY (or <data dir>/master.key) is not the key this data was created with.');
  if (opened.length !== 32) throw new Error('The stored key of the Noise push channel is not 32 bytes.');
  return Buffer.from(opened);
}
