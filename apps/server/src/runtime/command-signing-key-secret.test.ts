import { createPublicKey, sign, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServerSecretStore, migrateToLatest, openDatabase, type ServerSecretStore, type WardDatabase } from '@ward/store';
import { createAesGcmSecretBox } from '../adapters/aes-gcm-secret-box.js';
import { loadOrCreateCommandSigningKey, openCommandSigningKey } from './command-signing-key-secret.js';
import { serverSecretNames } from './server-secret.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('the command-signing key in the database', () => {
  let database: WardDatabase;
  let store: ServerSecretStore;
  beforeEach(async () => {
    database = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(database);
    store = createServerSecretStore(database);
  });
  afterEach(() => database.close());

  it('is created once, sealed, and the same key is loaded afterwards', async () => {
    const secrets = createAesGcmSecretBox(new Uint8Array(32).fill(1));
    expect(await openCommandSigningKey(store, secrets)).toBeUndefined();
    const created = await loadOrCreateCommandSigningKey(store, secrets, now);
    expect(created.source).toBe('created');
    const stored = (await store.getServerSecret(serverSecretNames.commandSigningKey)) ?? '';
    expect(stored).not.toContain('PRIVATE KEY');
    expect(JSON.parse(stored)).toMatchObject({ version: 1, algorithm: 'ecdsa-p256', publicKeyPem: created.publicKeyPem, createdAt: now.toISOString() });

    const loaded = await loadOrCreateCommandSigningKey(store, secrets, now);
    expect(loaded.source).toBe('database');
    expect(loaded.publicKeyPem).toBe(created.publicKeyPem);
    const signature = sign('sha256', Buffer.from('data'), loaded.privateKey);
    expect(verify('sha256', Buffer.from('data'), createPublicKey(created.publicKeyPem), signature)).toBe(true);
    expect((await openCommandSigningKey(store, secrets))?.publicKeyPem).toBe(created.publicKeyPem);
  });

  it('does not open with another master key', async () => {
    await loadOrCreateCommandSigningKey(store, createAesGcmSecretBox(new Uint8Array(32).fill(1)), now);
    await expect(loadOrCreateCommandSigningKey(store, createAesGcmSecretBox(new Uint8Array(32).fill(2)), now)).rejects.toThrow(/master key does not open/);
  });
});
