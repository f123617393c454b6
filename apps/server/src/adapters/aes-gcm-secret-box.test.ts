import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAesGcmSecretBox } from './aes-gcm-secret-box.js';

const text = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('createAesGcmSecretBox', () => {
  const box = createAesGcmSecretBox(randomBytes(32));

  it('opens what it sealed under the same label', () => {
    const sealed = box.seal(bytes('JBSWY3DPEHPK3PXP'), 'totp');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(text(box.open(sealed, 'totp'))).toBe('JBSWY3DPEHPK3PXP');
  });

  it('uses a fresh nonce each time', () => {
    expect(box.seal(bytes('x'), 'l')).not.toBe(box.seal(bytes('x'), 'l'));
  });

  it('gives undefined for a tampered ciphertext, nonce or tag', () => {
    const sealed = box.seal(bytes('secret value'), 'totp');
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const part = Buffer.from(parts[index]!, 'base64url');
      part[0] = part[0]! ^ 1;
      const tampered = parts.map((p, i) => (i === index ? part.toString('base64url') : p)).join('.');
      expect(box.open(tampered, 'totp')).toBeUndefined();
    }
  });

  it('gives undefined under another label or another master key', () => {
    const sealed = box.seal(bytes('secret'), 'totp');
    expect(box.open(sealed, 'ca-key')).toBeUndefined();
    expect(createAesGcmSecretBox(randomBytes(32)).open(sealed, 'totp')).toBeUndefined();
  });

  it('gives undefined for text that is not a sealed box', () => {
    for (const junk of ['', 'v1', 'v2.a.b.c', 'v1.a.b.c', 'v1...', 'not base64']) expect(box.open(junk, 'totp')).toBeUndefined();
  });

  it('refuses a master key shorter than 256 bits', () => {
    expect(() => createAesGcmSecretBox(randomBytes(16))).toThrow(RangeError);
  });
});
