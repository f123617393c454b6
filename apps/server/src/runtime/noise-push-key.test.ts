import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServerSecretStore, migrateToLatest, openDatabase, type ServerSecretStore, type WardDatabase } from '@ward/store';
import { createAesGcmSecretBox } from '../adapters/aes-gcm-secret-box.js';
import { loadOrCreateNoisePushKey } from './noise-push-key.js';
import { serverSecretNames } from './server-secret.js';

describe('the Noise push channel key in the database', () => {
  let database: WardDatabase;
  let store: ServerSecretStore;
  beforeEach(async () => {
    database = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(database);
    store = createServerSecretStore(database);
  });
  afterEach(() => database.close());

  it('is created once, sealed, and every process loads the same 32 bytes', async () => {
    const secrets = createAesGcmSecretBox(new Uint8Array(32).fill(1));
    const created = await loadOrCreateNoisePushKey(store, secrets);
    expect(created).toHaveLength(32);
    const stored = (await store.getServerSecret(serverSecretNames.agentNoisePushKey)) ?? '';
    expect(stored).not.toContain(created.toString('base64'));
    expect(stored).not.toContain(created.toString('hex'));
    expect(JSON.parse(stored)).toMatchObject({ version: 1, sealed: expect.any(String) as unknown });
    expect((await loadOrCreateNoisePushKey(store, secrets)).equals(created)).toBe(true);
  });

  it('does not open with another master key, nor in a form this version does not read', async () => {
    await loadOrCreateNoisePushKey(store, createAesGcmSecretBox(new Uint8Array(32).fill(1)));
    await expect(loadOrCreateNoisePushKey(store, createAesGcmSecretBox(new Uint8Array(32).fill(2)))).rejects.toThrow(/master key does not open/);
    await store.putServerSecret(serverSecretNames.agentNoisePushKey, JSON.stringify({ version: 2, sealed: 'x' }));
    await expect(loadOrCreateNoisePushKey(store, createAesGcmSecretBox(new Uint8Array(32).fill(1)))).rejects.toThrow(/not in a form/);
  });
});
