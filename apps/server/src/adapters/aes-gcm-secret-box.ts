import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretBox } from '@ward/core';

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;
// A fixed, public salt: HKDF's salt only needs to be independent of the key (RFC 5869 §3.1), and
// a constant keeps every derived key reproducible from the master key alone.
const salt = Buffer.from('ward/secret-box/v1', 'utf8');
// Derived keys kept for reuse. Labels name a row and a field (profile secrets), so they are many:
// the least recently used key goes first, and deriving it again costs a few microseconds.
const cachedKeys = 4096;

/**
 * Small secrets sealed with AES-256-GCM. Each label (`totp`, `ca-key`, …) gets its own key,
 * HKDF-SHA256(master key, label), and the label is bound as associated data too, so a ciphertext
 * moved to another purpose does not open. Sealed text: `v1.<iv>.<ciphertext>.<tag>` in base64url.
 */
export function createAesGcmSecretBox(masterKey: Uint8Array): SecretBox {
  if (masterKey.length < 32) throw new RangeError('The master key must be at least 32 bytes.');
  const master = Buffer.from(masterKey);
  const keys = new Map<string, Buffer>();

  const keyFor = (label: string): Buffer => {
    let key = keys.get(label);
    if (key === undefined) {
      key = Buffer.from(hkdfSync('sha256', master, salt, Buffer.from(label, 'utf8'), 32));
      if (keys.size >= cachedKeys) {
        const oldest = keys.keys().next();
        if (oldest.done !== true) keys.delete(oldest.value);
      }
    } else {
      // A Map iterates in insertion order: moving the hit to the end keeps the oldest first.
      keys.delete(label);
    }
    keys.set(label, key);
    return key;
  };

  return {
    seal(plaintext: Uint8Array, label: string): string {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', keyFor(label), iv, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(label, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return [version, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed: string, label: string): Uint8Array | undefined {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== version) return undefined;
      const [, ivText = '', bodyText = '', tagText = ''] = parts;
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== ivBytes || tag.length !== tagBytes) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyFor(label), iv, { authTagLength: tagBytes });
        decipher.setAAD(Buffer.from(label, 'utf8'));
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]);
        return new Uint8Array(plain);
      } catch {
        // Authentication failed: tampered, another key or another label. The port says undefined.
        return undefined;
      }
    },
  };
}
