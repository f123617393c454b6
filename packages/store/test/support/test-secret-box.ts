import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '@ward/core';

/**
 * AES-256-GCM under a fresh random key with the label as associated data: the server's box
 * (`apps/server/src/adapters/aes-gcm-secret-box.ts`) without its per-label key derivation, which
 * the store cannot import. Two boxes stand for two master keys.
 */
export function createTestSecretBox(): SecretBox {
  const key = randomBytes(32);
  return {
    seal(plaintext, label) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(label, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
    },
    open(sealed, label) {
      const [iv = '', body = '', tag = ''] = sealed.split('.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(label, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]));
      } catch {
        return undefined;
      }
    },
  };
}
