import { describe, expect, it } from 'vitest';
import { NoiseError } from './noise-error.js';
import { generateX25519KeyPair, x25519, x25519KeyPairFromPrivateKey } from './noise-x25519.js';

const h = (text: string): Buffer => Buffer.from(text, 'hex');

describe('X25519', () => {
  it('matches RFC 7748 §6.1', () => {
    const alice = x25519KeyPairFromPrivateKey(h('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'));
    const bob = x25519KeyPairFromPrivateKey(h('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb'));
    expect(alice.publicKey.toString('hex')).toBe('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    expect(bob.publicKey.toString('hex')).toBe('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
    expect(x25519(alice.privateKey, bob.publicKey).toString('hex')).toBe(shared);
    expect(x25519(bob.privateKey, alice.publicKey).toString('hex')).toBe(shared);
  });

  it('generates distinct key pairs that agree', () => {
    const a = generateX25519KeyPair();
    const b = generateX25519KeyPair();
    expect(a.publicKey).toHaveLength(32);
    expect(a.publicKey).not.toEqual(b.publicKey);
    expect(x25519(a.privateKey, b.publicKey)).toEqual(x25519(b.privateKey, a.publicKey));
  });

  it.each([
    ['all zeros', Buffer.alloc(32)],
    ['one (order 1)', Buffer.concat([Buffer.of(1), Buffer.alloc(31)])],
    ['a point of order 8', h('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800')],
  ])('refuses a low-order peer key (%s), whose result would be all zeros', (_name, peer) => {
    const pair = generateX25519KeyPair();
    const error = (() => {
      try {
        x25519(pair.privateKey, peer);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(NoiseError);
    expect((error as NoiseError).code).toBe('NOISE_HANDSHAKE_FAILED');
  });

  it('refuses keys of the wrong length', () => {
    expect(() => x25519KeyPairFromPrivateKey(Buffer.alloc(31, 1))).toThrow(NoiseError);
    expect(() => x25519(generateX25519KeyPair().privateKey, Buffer.alloc(33, 9))).toThrow(NoiseError);
  });
});
