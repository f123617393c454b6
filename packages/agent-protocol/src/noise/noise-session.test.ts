import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noiseCode } from './noise-code.test-support.js';
import type { NoiseErrorCode } from './noise-error.js';
import { NoiseSession } from './noise-session.js';

/** Two ends of one transport session: what `a` sends, `b` receives and the reverse. */
function sessionPair(nonce = 0n): { a: NoiseSession; b: NoiseSession } {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  return { a: new NoiseSession(k1, k2, { send: nonce, receive: nonce }), b: new NoiseSession(k2, k1, { send: nonce, receive: nonce }) };
}

const text = (value: string): Buffer => Buffer.from(value, 'utf8');

describe('NoiseSession', () => {
  it('encrypts in order both ways, with a 16-byte tag and a fresh nonce each time', () => {
    const { a, b } = sessionPair();
    const first = a.encrypt(text('same'));
    const second = a.encrypt(text('same'));
    expect(first).toHaveLength(4 + 16);
    expect(first).not.toEqual(second);
    expect(b.decrypt(first)).toEqual(text('same'));
    expect(b.decrypt(second)).toEqual(text('same'));
    expect(a.decrypt(b.encrypt(Buffer.alloc(0)))).toEqual(Buffer.alloc(0));
  });

  it('copies its keys, so the caller wiping theirs does not matter', () => {
    const k1 = randomBytes(32);
    const k2 = randomBytes(32);
    const a = new NoiseSession(k1, k2);
    const b = new NoiseSession(k2, k1);
    k1.fill(0);
    k2.fill(0);
    expect(b.decrypt(a.encrypt(text('still works')))).toEqual(text('still works'));
  });

  it('refuses keys that are not 32 bytes and counters outside 64 bits', () => {
    expect(noiseCode(() => new NoiseSession(randomBytes(31), randomBytes(32)))).toBe('NOISE_STATE');
    expect(noiseCode(() => new NoiseSession(randomBytes(32), randomBytes(32), { send: -1n, receive: 0n }))).toBe('NOISE_STATE');
    expect(noiseCode(() => new NoiseSession(randomBytes(32), randomBytes(32), { send: 0n, receive: 2n ** 64n }))).toBe('NOISE_STATE');
  });

  it('takes plaintext up to 65519 bytes and refuses more without harm', () => {
    const { a, b } = sessionPair();
    expect(noiseCode(() => a.encrypt(Buffer.alloc(65520)))).toBe('NOISE_MESSAGE_TOO_LARGE');
    const largest = a.encrypt(Buffer.alloc(65519, 7));
    expect(largest).toHaveLength(65535);
    expect(b.decrypt(largest)).toEqual(Buffer.alloc(65519, 7));
  });

  it.each<[string, (frames: Buffer[]) => Buffer, NoiseErrorCode]>([
    ['a replayed frame', (f) => f[0]!, 'NOISE_DECRYPT_FAILED'],
    ['a frame out of order', (f) => f[2]!, 'NOISE_DECRYPT_FAILED'],
    ['a truncated frame', (f) => f[1]!.subarray(0, -1), 'NOISE_DECRYPT_FAILED'],
    ['a frame shorter than a tag', (f) => f[1]!.subarray(0, 15), 'NOISE_DECRYPT_FAILED'],
    ['an extended frame', (f) => Buffer.concat([f[1]!, Buffer.of(0)]), 'NOISE_DECRYPT_FAILED'],
    ['a bit-flipped body', (f) => Buffer.from(f[1]!.map((byte, i) => (i === 0 ? byte ^ 0x80 : byte))), 'NOISE_DECRYPT_FAILED'],
    ['a bit-flipped tag', (f) => Buffer.from(f[1]!.map((byte, i, all) => (i === all.length - 1 ? byte ^ 0x01 : byte))), 'NOISE_DECRYPT_FAILED'],
    ['an empty frame', () => Buffer.alloc(0), 'NOISE_DECRYPT_FAILED'],
    ['a frame over 65535 bytes', () => Buffer.alloc(65536), 'NOISE_MESSAGE_TOO_LARGE'],
  ])('refuses %s and then every later call', (_name, pick, code) => {
    const { a, b } = sessionPair();
    const frames = [a.encrypt(text('zero')), a.encrypt(text('one')), a.encrypt(text('two'))];
    expect(b.decrypt(frames[0]!)).toEqual(text('zero'));
    expect(noiseCode(() => b.decrypt(pick(frames)))).toBe(code);
    // The genuine next frame, and sending, are refused too: the session is dead.
    expect(noiseCode(() => b.decrypt(frames[1]!))).toBe('NOISE_STATE');
    expect(noiseCode(() => b.encrypt(text('reply')))).toBe('NOISE_STATE');
  });

  it('refuses a frame from another session', () => {
    const { b } = sessionPair();
    const other = sessionPair();
    expect(noiseCode(() => b.decrypt(other.a.encrypt(text('hi'))))).toBe('NOISE_DECRYPT_FAILED');
  });

  it('never uses the reserved nonce 2^64 - 1', () => {
    const { a, b } = sessionPair(2n ** 64n - 2n);
    const last = a.encrypt(text('last'));
    expect(b.decrypt(last)).toEqual(text('last'));
    expect(noiseCode(() => a.encrypt(text('one more')))).toBe('NOISE_STATE');
    expect(noiseCode(() => b.decrypt(last))).toBe('NOISE_STATE');
  });
});
