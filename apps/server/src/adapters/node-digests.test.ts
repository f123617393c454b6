import { describe, expect, it } from 'vitest';
import { nodeDigests } from './node-digests.js';

describe('nodeDigests', () => {
  it('hashes text and bytes alike', () => {
    const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(nodeDigests.sha256Hex('')).toBe(empty);
    expect(nodeDigests.sha256Hex(new Uint8Array())).toBe(empty);
    expect(nodeDigests.sha256Hex('abc')).toBe(nodeDigests.sha256Hex(new TextEncoder().encode('abc')));
  });

  it('computes RFC 4231 HMAC-SHA256 test case 2', () => {
    const mac = nodeDigests.hmac('sha256', new TextEncoder().encode('Jefe'), new TextEncoder().encode('what do ya want for nothing?'));
    expect(Buffer.from(mac).toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('compares in constant time and says false for unequal lengths instead of throwing', () => {
    expect(nodeDigests.timingSafeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(nodeDigests.timingSafeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(nodeDigests.timingSafeEqual(Uint8Array.of(1, 2), Uint8Array.of(1))).toBe(false);
  });
});
