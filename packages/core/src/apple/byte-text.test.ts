import { describe, expect, it } from 'vitest';
import { fromBase64, fromPem, toBase64, toHex, toPem } from './byte-text.js';

describe('byte text', () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256);

  it('round-trips base64 and PEM', () => {
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    const pem = toPem(bytes, 'CERTIFICATE REQUEST');
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);
    expect(fromPem(pem, 'CERTIFICATE REQUEST')).toEqual(bytes);
    expect(toHex(Uint8Array.of(0, 15, 255))).toBe('000fff');
  });

  it('refuses malformed text', () => {
    for (const text of ['abc', '@@@@', 'YQ=', 'YQ===', '====']) expect(fromBase64(text)).toBeUndefined();
    expect(fromPem('-----BEGIN CERTIFICATE-----\nYQ==\n', 'CERTIFICATE')).toBeUndefined();
    expect(fromPem(toPem(bytes, 'CERTIFICATE'), 'CERTIFICATE REQUEST')).toBeUndefined();
  });
});
