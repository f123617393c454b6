import { createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptPrivateKey } from './decrypt-private-key.js';
import { encryptPrivateKey } from './encrypt-private-key.js';

describe('encryptPrivateKey / decryptPrivateKey', () => {
  const masterKey = new Uint8Array(32).map((_, i) => i);
  const secret = new TextEncoder().encode('a PKCS#8 structure would be here');

  it('round-trips, with a fresh salt and IV each time', async () => {
    const a = await encryptPrivateKey(secret, masterKey);
    const b = await encryptPrivateKey(secret, masterKey);
    expect(a).toMatchObject({ version: 1, algorithm: 'AES-256-GCM', kdf: 'HKDF-SHA256' });
    expect(a.iv).not.toBe(b.iv);
    expect(a.salt).not.toBe(b.salt);
    expect(Buffer.from(await decryptPrivateKey(a, masterKey)).toString()).toBe('a PKCS#8 structure would be here');
  });

  it('is AES-256-GCM under HKDF-SHA256(master key, salt, "ward/ca-key/v1"), readable without this package', async () => {
    const record = await encryptPrivateKey(secret, masterKey);
    const salt = Buffer.from(record.salt, 'base64');
    const iv = Buffer.from(record.iv, 'base64');
    const sealed = Buffer.from(record.ciphertext, 'base64');
    expect(salt).toHaveLength(16);
    expect(iv).toHaveLength(12);
    const key = Buffer.from(hkdfSync('sha256', masterKey, salt, 'ward/ca-key/v1', 32));
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(sealed.subarray(-16));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
    expect(plain.toString()).toBe('a PKCS#8 structure would be here');
  });

  it('fails with CA_KEY_DECRYPT_FAILED under another key, and CA_BUNDLE_INVALID for a record that is not one', async () => {
    const record = await encryptPrivateKey(secret, masterKey);
    await expect(decryptPrivateKey(record, new Uint8Array(32))).rejects.toMatchObject({ code: 'CA_KEY_DECRYPT_FAILED' });
    await expect(decryptPrivateKey(null as never, masterKey)).rejects.toMatchObject({ code: 'CA_BUNDLE_INVALID' });
    await expect(decryptPrivateKey({ ...record, salt: 'not base64!' }, masterKey)).rejects.toMatchObject({ code: 'CA_BUNDLE_INVALID' });
    await expect(decryptPrivateKey({ ...record, ciphertext: 'AAAA' }, masterKey)).rejects.toMatchObject({ code: 'CA_BUNDLE_INVALID' });
  });
});
